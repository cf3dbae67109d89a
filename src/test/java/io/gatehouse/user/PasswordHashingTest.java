package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordHashingTest {

    private static final String PASSWORD = "Correct-Horse-Battery-9";

    private final PasswordEncoder nativeEncoder = NativeArgon2PasswordEncoder.load(1024, 2, 1).orElseThrow();
    private final PasswordEncoder javaEncoder = new Argon2PasswordEncoder(16, 32, 1, 1024, 2);

    @Test
    void nativeHashesAreArgon2idPhcStringsAtTheConfiguredCost() {
        String hash = nativeEncoder.encode(PASSWORD);

        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=2,p=1$");
        assertThat(nativeEncoder.matches(PASSWORD, hash)).isTrue();
        assertThat(nativeEncoder.matches("Correct-Horse-Battery-8", hash)).isFalse();
    }

    @Test
    void eachImplementationVerifiesTheOthersHashes() {
        assertThat(javaEncoder.matches(PASSWORD, nativeEncoder.encode(PASSWORD))).isTrue();
        assertThat(nativeEncoder.matches(PASSWORD, javaEncoder.encode(PASSWORD))).isTrue();
    }

    @Test
    void nativeEncoderRefusesWhatIsNotAnArgon2idHash() {
        assertThat(nativeEncoder.matches(PASSWORD, null)).isFalse();
        assertThat(nativeEncoder.matches(PASSWORD, "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(nativeEncoder.matches(PASSWORD, "$argon2id$v=19$m=1024,t=2,p=1$broken")).isFalse();
    }

    @Test
    void aHashBelowTodaysCostIsUpgradedAtTheNextSignIn() {
        String weak = new Argon2PasswordEncoder(16, 32, 1, 512, 1).encode(PASSWORD);

        assertThat(nativeEncoder.upgradeEncoding(weak)).isTrue();
        assertThat(nativeEncoder.upgradeEncoding(nativeEncoder.encode(PASSWORD))).isFalse();
    }

    @Test
    void boundedEncoderHashesManyPasswordsAtOnceCorrectly() throws Exception {
        PasswordEncoder bounded = new BoundedPasswordEncoder(nativeEncoder, 2);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = java.util.stream.IntStream.range(0, 16)
                    .<Callable<Boolean>>mapToObj(i -> () -> {
                        String password = PASSWORD + i;
                        String hash = bounded.encode(password);
                        return bounded.matches(password, hash) && !bounded.matches(PASSWORD, hash);
                    })
                    .toList();
            for (Future<Boolean> result : callers.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
