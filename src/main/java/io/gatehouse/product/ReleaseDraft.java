package io.gatehouse.product;

import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.InvalidInputException.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A new release as the vendor admin describes it, checked as a whole: every offending field is named at once. */
public record ReleaseDraft(ReleaseVersion version, ReleaseChannel channel, LocalDate releasedOn, Map<String, String> notes) {

    static final Set<String> LANGUAGES = Set.of("en", "fr", "es", "ja");
    static final int MAX_NOTES = 10_000;

    public static ReleaseDraft of(String version, ReleaseChannel channel, LocalDate releasedOn, Map<String, String> notes) {
        List<FieldError> errors = new ArrayList<>();
        String typed = version == null ? "" : version.strip();
        if (typed.isEmpty()) {
            errors.add(new FieldError("version", "validation.required"));
        } else if (!ReleaseVersion.isValid(typed)) {
            errors.add(new FieldError("version", "products.release.versionInvalid", List.of(ReleaseVersion.MAX_LENGTH)));
        }
        if (channel == null) {
            errors.add(new FieldError("channel", "validation.required"));
        }
        if (releasedOn == null) {
            errors.add(new FieldError("releasedOn", "validation.required"));
        } else if (releasedOn.getYear() < 1 || releasedOn.getYear() > 9999) {
            errors.add(new FieldError("releasedOn", "validation.instant.range"));
        }
        Map<String, String> checkedNotes = notes(notes, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ReleaseDraft(ReleaseVersion.of(typed), channel, releasedOn, checkedNotes);
    }

    /** Notes by language code; a blank text is no note. */
    static Map<String, String> notes(Map<String, String> notes, List<FieldError> errors) {
        Map<String, String> checked = new LinkedHashMap<>();
        if (notes == null) {
            return checked;
        }
        notes.forEach((language, text) -> {
            String field = "notes." + language;
            if (language == null || !LANGUAGES.contains(language)) {
                errors.add(new FieldError(field, "products.release.notesLanguage"));
            } else if (text != null && text.strip().length() > MAX_NOTES) {
                errors.add(new FieldError(field, "validation.size.max", List.of(MAX_NOTES)));
            } else if (text != null && !text.isBlank()) {
                checked.put(language, text.strip());
            }
        });
        return checked;
    }

    static Map<String, String> notes(Map<String, String> notes) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> checked = notes(notes, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return checked;
    }
}
