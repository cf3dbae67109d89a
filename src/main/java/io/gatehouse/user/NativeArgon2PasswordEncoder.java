package io.gatehouse.user;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id computed by libargon2, the reference implementation in C that argon2-jvm bundles for
 * Linux, macOS and Windows: about three times as fast as the pure-Java one, so the same hash cost
 * serves three times the sign-ins. It writes and reads the same PHC strings
 * ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash") as Spring's Argon2PasswordEncoder, so stored
 * hashes stay valid whichever of the two computed them.
 */
final class NativeArgon2PasswordEncoder implements PasswordEncoder {

    private final Argon2 argon2;
    private final Argon2PasswordEncoder settings;
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;

    private NativeArgon2PasswordEncoder(Argon2 argon2, int memoryKib, int iterations, int parallelism) {
        this.argon2 = argon2;
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.settings = new Argon2PasswordEncoder(16, 32, parallelism, memoryKib, iterations);
    }

    /** The native encoder, or nothing where the library cannot be loaded (an unusual platform). */
    static Optional<PasswordEncoder> load(int memoryKib, int iterations, int parallelism) {
        try {
            Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
            argon2.hash(1, 8, 1, new char[] {'x'});
            return Optional.of(new NativeArgon2PasswordEncoder(argon2, memoryKib, iterations, parallelism));
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String encode(CharSequence rawPassword) {
        char[] password = chars(rawPassword);
        try {
            return argon2.hash(iterations, memoryKib, parallelism, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || !encodedPassword.startsWith("$argon2id$")) {
            return false;
        }
        char[] password = chars(rawPassword);
        try {
            return argon2.verify(encodedPassword, password);
        } catch (RuntimeException e) {
            return false;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Judged exactly as Spring's encoder does: a hash below today's cost is re-hashed at the next sign-in. */
    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return settings.upgradeEncoding(encodedPassword);
    }

    private static char[] chars(CharSequence text) {
        char[] chars = new char[text.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = text.charAt(i);
        }
        return chars;
    }
}
