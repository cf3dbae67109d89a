package io.gatehouse.mail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One email to send.
 *
 * @param to        one address, e.g. {@code ada@example.com}
 * @param locale    the recipient's language: en, fr, es or ja (a region such as en-GB is dropped)
 * @param template  the template's name, e.g. {@code "invitation"} (templates/mail/invitation.html and .txt)
 * @param variables what the template shows: strings, numbers, booleans, or lists of them; a
 *                  variable named {@code link} that starts with "/" is made absolute with the
 *                  portal's public address; {@code subjectArgs} (a list) fills the subject's {0}, {1}…
 */
public record MailRequest(String to, Locale locale, String template, Map<String, Object> variables) {

    /** The languages every template is written in. */
    public static final Set<String> LANGUAGES = Set.of("en", "fr", "es", "ja");

    /** Names the module sets itself on every mail. */
    static final Set<String> RESERVED = Set.of("vendorName", "portalUrl");

    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>()\\[\\],;:\"\\\\]+@[^\\s@<>()\\[\\],;:\"\\\\]+\\.[^\\s@<>()\\[\\],;:\"\\\\]+");
    private static final Pattern TEMPLATE = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    public MailRequest {
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("a mail needs a recipient");
        }
        to = to.strip();
        if (to.length() > 254 || !ADDRESS.matcher(to).matches()) {
            throw new IllegalArgumentException("not one email address: " + to);
        }
        if (locale == null || !LANGUAGES.contains(locale.getLanguage())) {
            throw new IllegalArgumentException("mail is written in en, fr, es or ja, not " + locale);
        }
        locale = Locale.forLanguageTag(locale.getLanguage());
        if (template == null || !TEMPLATE.matcher(template).matches()) {
            throw new IllegalArgumentException("not a template name: " + template);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        if (variables != null) {
            variables.forEach((name, value) -> {
                if (name == null || RESERVED.contains(name)) {
                    throw new IllegalArgumentException("the mail module sets " + name + " itself");
                }
                copy.put(name, plain(name, value));
            });
        }
        variables = Collections.unmodifiableMap(copy);
    }

    public MailRequest(String to, Locale locale, String template) {
        this(to, locale, template, Map.of());
    }

    /** Only plain values reach a template: a template can then never call into an entity or a service. */
    private static Object plain(String name, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Collection<?> values) {
            List<Object> copy = new ArrayList<>(values.size());
            for (Object element : values) {
                if (element == null) {
                    throw new IllegalArgumentException("variable " + name + " holds a null");
                }
                copy.add(plain(name, element));
            }
            return List.copyOf(copy);
        }
        throw new IllegalArgumentException("variable " + name + " is a " + typeOf(value) + ", not text, a number or a list");
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
