package io.gatehouse.user;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id at OWASP's minimum cost by default (19 MiB, 2 passes, 1 lane). Hashes carry their
 * algorithm, so a stronger setting later re-hashes each password at its next sign-in.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasswordHashingConfiguration.Argon2Settings.class)
class PasswordHashingConfiguration {

    /**
     * {@code implementation}: "native" (libargon2, the default; pure Java where it cannot load) or
     * "java"; {@code concurrency}: how many passwords may be hashed at once, the number of CPUs by
     * default.
     */
    @ConfigurationProperties("gatehouse.password.argon2")
    record Argon2Settings(Integer memoryKib, Integer iterations, Integer parallelism, String implementation, Integer concurrency) {

        Argon2Settings {
            memoryKib = memoryKib == null ? 19 * 1024 : memoryKib;
            iterations = iterations == null ? 2 : iterations;
            parallelism = parallelism == null ? 1 : parallelism;
            implementation = implementation == null ? "native" : implementation;
            concurrency = concurrency == null ? Runtime.getRuntime().availableProcessors() : concurrency;
        }
    }

    @Bean
    PasswordEncoder passwordEncoder(Argon2Settings settings) {
        // Loading the native library takes a moment: it happens alongside the rest of the start-up.
        CompletableFuture<PasswordEncoder> loading = CompletableFuture.supplyAsync(() -> {
            PasswordEncoder argon2 = ("native".equals(settings.implementation())
                    ? NativeArgon2PasswordEncoder.load(settings.memoryKib(), settings.iterations(), settings.parallelism())
                    : Optional.<PasswordEncoder>empty())
                    .orElseGet(() -> new Argon2PasswordEncoder(16, 32, settings.parallelism(), settings.memoryKib(), settings.iterations()));
            return new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2, "bcrypt", new BCryptPasswordEncoder()));
        });
        PasswordEncoder encoder = new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                return loading.join().encode(rawPassword);
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                return loading.join().matches(rawPassword, encodedPassword);
            }

            @Override
            public boolean upgradeEncoding(String encodedPassword) {
                return loading.join().upgradeEncoding(encodedPassword);
            }
        };
        return settings.concurrency() > 0 ? new BoundedPasswordEncoder(encoder, settings.concurrency()) : encoder;
    }
}
