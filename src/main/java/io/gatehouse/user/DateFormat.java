package io.gatehouse.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How dates are shown to a person, written as the pattern ("dd/MM/yyyy") in JSON. */
public enum DateFormat {
    DAY_MONTH_YEAR("dd/MM/yyyy"), MONTH_DAY_YEAR("MM/dd/yyyy"), ISO("yyyy-MM-dd");

    private final String pattern;

    DateFormat(String pattern) {
        this.pattern = pattern;
    }

    @JsonValue
    public String pattern() {
        return pattern;
    }

    @JsonCreator
    public static DateFormat of(String pattern) {
        for (DateFormat format : values()) {
            if (format.pattern.equals(pattern)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown date format: " + pattern);
    }
}
