package io.gatehouse.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Random keys kept in the database, so that every node signs and checks with the same one. The
 * first node to need a key makes it; a node that loses that race reads the winner's. Each node
 * keeps what it read in memory: a secret is never changed once made, so every node holds the same.
 */
@Component
class ServerSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, byte[]> known = new ConcurrentHashMap<>();

    ServerSecrets(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    byte[] get(String name) {
        return known.computeIfAbsent(name, this::readOrMake).clone();
    }

    private byte[] readOrMake(String name) {
        return read(name).orElseGet(() -> {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            try {
                jdbc.sql("insert into server_secret (name, secret, created_at) values (?, ?, ?)")
                        .params(name, Base64.getEncoder().encodeToString(secret), Timestamp.from(clock.instant()))
                        .update();
            } catch (DuplicateKeyException madeElsewhere) {
                // another node made it in the meantime: theirs is the one
            }
            return read(name).orElseThrow();
        });
    }

    private java.util.Optional<byte[]> read(String name) {
        return jdbc.sql("select secret from server_secret where name = ?").param(name).query(String.class).optional()
                .map(Base64.getDecoder()::decode);
    }
}
