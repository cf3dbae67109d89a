package io.gatehouse.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;

/** A refused form's errors, by field, in the person's words: what a page shows beside each field. */
public final class FormErrors {

    private FormErrors() {
    }

    /** Field name to messages, for an {@link InvalidInputException} or a {@link ConflictException}; empty for anything else. */
    public static Map<String, List<String>> of(RuntimeException e, MessageSource messages, Locale locale) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (e instanceof ConflictException conflict) {
            errors.computeIfAbsent(conflict.field(), k -> new ArrayList<>())
                    .add(messages.getMessage(conflict.messageCode(), conflict.arguments().toArray(), locale));
        } else if (e instanceof InvalidInputException invalid) {
            invalid.errors().forEach(error -> errors.computeIfAbsent(error.field(), k -> new ArrayList<>())
                    .add(messages.getMessage(error.messageCode(), error.arguments().toArray(), locale)));
        }
        return errors;
    }
}
