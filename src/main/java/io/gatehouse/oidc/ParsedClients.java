package io.gatehouse.oidc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Reads a registered client's row as Spring does, but parses its JSON settings only when the row
 * differs from the one parsed last for that client: every token request reads the row again (so a
 * rotated secret, a changed setting or a removed client counts at once, on every node), and only
 * the parsing of an unchanged row is skipped. What is kept is the parse of exact row contents, an
 * immutable value, never a decision.
 */
final class ParsedClients implements RowMapper<RegisteredClient> {

    /** More registered clients than a vendor has applications: past it, the parses are dropped and made again. */
    static final int LIMIT = 1_000;

    private final RowMapper<RegisteredClient> parser;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    private record Parsed(String row, RegisteredClient client) {
    }

    ParsedClients(RowMapper<RegisteredClient> parser) {
        this.parser = parser;
    }

    @Override
    public RegisteredClient mapRow(ResultSet rs, int rowNum) throws SQLException {
        String id = rs.getString("id");
        String row = contents(rs);
        Parsed known = parsed.get(id);
        if (known != null && known.row().equals(row)) {
            return known.client();
        }
        RegisteredClient client = parser.mapRow(rs, rowNum);
        if (client != null) {
            if (parsed.size() >= LIMIT) {
                parsed.clear();
            }
            parsed.put(id, new Parsed(row, client));
        }
        return client;
    }

    /** Every column of the row, each preceded by its length, so that no two different rows read the same. */
    private static String contents(ResultSet rs) throws SQLException {
        StringBuilder row = new StringBuilder(1024);
        int columns = rs.getMetaData().getColumnCount();
        for (int i = 1; i <= columns; i++) {
            Object value = rs.getObject(i);
            if (value == null) {
                row.append("-1:");
            } else {
                String text = value.toString();
                row.append(text.length()).append(':').append(text);
            }
        }
        return row.toString();
    }
}
