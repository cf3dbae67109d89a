package io.gatehouse.security.factor;

import io.gatehouse.security.RandomSecrets;
import io.gatehouse.shared.UserId;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ten single-use codes that stand in for a lost second factor, kept as their SHA-256: about 79 random
 * bits each, so a fast digest is enough. Using one deletes its row; only the request whose delete
 * removed it signs in.
 */
@Component
class RecoveryCodes {

    static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    RecoveryCodes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** New codes, shown once; the old ones stop working. */
    List<String> replace(UserId account) {
        removeAll(account);
        List<String> codes = new ArrayList<>();
        Timestamp now = Timestamp.from(clock.instant());
        while (codes.size() < COUNT) {
            String code = make();
            if (!codes.contains(code)) {
                codes.add(code);
                jdbc.sql("insert into recovery_code (user_id, code_digest, created_at) values (?, ?, ?)")
                        .params(account.value(), RandomSecrets.digest(normalize(code)), now).update();
            }
        }
        return codes;
    }

    /** Whether the code was one of the account's unused ones; it is used up now. */
    boolean use(UserId account, String typed) {
        String code = normalize(typed);
        if (code.isEmpty() || code.length() > 64) {
            return false;
        }
        return jdbc.sql("delete from recovery_code where user_id = ? and code_digest = ?")
                .params(account.value(), RandomSecrets.digest(code)).update() == 1;
    }

    int remaining(UserId account) {
        return jdbc.sql("select count(*) from recovery_code where user_id = ?").param(account.value()).query(Integer.class).single();
    }

    void removeAll(UserId account) {
        jdbc.sql("delete from recovery_code where user_id = ?").param(account.value()).update();
    }

    /** Letter case, spaces and the dashes between groups do not count. */
    static String normalize(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    private static String make() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
