package io.gatehouse.user;

import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/**
 * Strong passwords an admin can read out or type: four groups of five characters without look-alikes
 * (no 0/O, 1/l/I), about 116 bits of randomness, always accepted by the password policy.
 */
@Component
public class PasswordGenerator {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int GROUPS = 4;
    private static final int GROUP_SIZE = 5;

    private final SecureRandom random = new SecureRandom();
    private final PasswordPolicy policy;

    PasswordGenerator(PasswordPolicy policy) {
        this.policy = policy;
    }

    public String generate(String email) {
        while (true) {
            String candidate = candidate();
            if (policy.violations(candidate, email).isEmpty()) {
                return candidate;
            }
        }
    }

    private String candidate() {
        StringBuilder password = new StringBuilder(GROUPS * (GROUP_SIZE + 1));
        for (int group = 0; group < GROUPS; group++) {
            if (group > 0) {
                password.append('-');
            }
            for (int i = 0; i < GROUP_SIZE; i++) {
                password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return password.toString();
    }
}
