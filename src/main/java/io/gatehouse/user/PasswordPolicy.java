package io.gatehouse.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Length first (NIST SP 800-63B): at least 12 characters, at most 128, not the email or its name
 * part, and not a common password dressed up with digits and symbols ("Password2024!").
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private static final String[] SEQUENCES = {
        "0123456789012345678901234567890", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "qwertyuiopasdfghjklzxcvbnmqwertyuiop", "azertyuiopqsdfghjklmwxcvbnazertyuiop", "1qaz2wsx3edc4rfv5tgb6yhn7ujm"
    };

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /** Message codes of every rule the password breaks; empty when it is acceptable. */
    /** Refuses a password that breaks the policy, naming the form field it was typed in. */
    void require(String field, String password, String email) {
        List<String> violations = violations(password, email);
        if (!violations.isEmpty()) {
            throw new io.gatehouse.shared.InvalidInputException(violations.stream()
                    .map(code -> new io.gatehouse.shared.InvalidInputException.FieldError(field, code, List.<Object>of(MIN_LENGTH, MAX_LENGTH)))
                    .toList());
        }
    }

    public List<String> violations(String password, String email) {
        List<String> violations = new ArrayList<>();
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            violations.add("validation.password.tooShort");
            return violations;
        }
        // Characters, like the minimum: an emoji is one character, not two UTF-16 units.
        if (password.codePointCount(0, password.length()) > MAX_LENGTH) {
            violations.add("validation.password.tooLong");
            return violations;
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (email != null && !email.isBlank()) {
            String address = email.strip().toLowerCase(Locale.ROOT);
            String name = address.contains("@") ? address.substring(0, address.indexOf('@')) : address;
            if (lower.equals(address) || (name.length() >= 4 && lower.contains(name))) {
                violations.add("validation.password.containsEmail");
            }
        }
        if (isCommon(lower)) {
            violations.add("validation.password.common");
        }
        return violations;
    }

    private boolean isCommon(String lower) {
        if (lower.chars().distinct().count() <= 2) {
            return true;
        }
        for (String sequence : SEQUENCES) {
            if (sequence.contains(lower) || new StringBuilder(sequence).reverse().toString().contains(lower)) {
                return true;
            }
        }
        String core = lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        if (core.isEmpty() || common.contains(lower) || common.contains(core)) {
            return true;
        }
        // A common word repeated ("passwordpassword") is no stronger than the word.
        for (int size = 3; size <= core.length() / 2; size++) {
            if (core.length() % size == 0 && core.equals(core.substring(0, size).repeat(core.length() / size))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (var in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt missing");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(l -> words.add(l.toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
