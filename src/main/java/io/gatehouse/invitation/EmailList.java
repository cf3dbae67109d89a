package io.gatehouse.invitation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The addresses typed into "Invite users": separated by semicolons as the help centre says, or
 * by commas, spaces or new lines as people paste them. Each keeps its own verdict on syntax and
 * repetition; what the organization makes of it comes later.
 */
record EmailList(List<Entry> entries) {

    static final int MAX = 100;

    private static final Pattern SEPARATORS = Pattern.compile("[;,\\s]+");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s\"<>()\\[\\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+");

    enum Syntax { VALID, INVALID, DUPLICATE }

    record Entry(String email, Syntax syntax) {

        String key() {
            return email.toLowerCase(Locale.ROOT);
        }
    }

    EmailList {
        entries = List.copyOf(entries);
    }

    static EmailList parse(List<String> inputs) {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String input : inputs == null ? List.<String>of() : inputs) {
            if (input == null) {
                continue;
            }
            for (String part : SEPARATORS.split(input.strip())) {
                String email = part.strip();
                if (email.startsWith("<") && email.endsWith(">")) {
                    email = email.substring(1, email.length() - 1);
                }
                if (email.isEmpty()) {
                    continue;
                }
                boolean valid = email.length() <= 254 && ADDRESS.matcher(email).matches();
                Syntax syntax = !valid ? Syntax.INVALID : seen.add(email.toLowerCase(Locale.ROOT)) ? Syntax.VALID : Syntax.DUPLICATE;
                entries.add(new Entry(email, syntax));
            }
        }
        return new EmailList(entries);
    }

    boolean tooMany() {
        return entries.size() > MAX;
    }

    List<Entry> valid() {
        return entries.stream().filter(e -> e.syntax() == Syntax.VALID).toList();
    }
}
