package io.gatehouse.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The portal's display languages, written as their code ("fr") in JSON. */
public enum Language {
    EN("en"), FR("fr"), ES("es"), JA("ja");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    @JsonCreator
    public static Language of(String code) {
        for (Language language : values()) {
            if (language.code.equalsIgnoreCase(code)) {
                return language;
            }
        }
        throw new IllegalArgumentException("unknown language: " + code);
    }
}
