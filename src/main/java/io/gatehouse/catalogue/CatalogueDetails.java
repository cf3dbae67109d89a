package io.gatehouse.catalogue;

import io.gatehouse.shared.InvalidInputException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What describes a catalogue, checked once for the API and the admin page alike; the columns hold what
 * this accepts. Regions are checked against the vendor's regions by the caller, which knows them.
 */
record CatalogueDetails(String name, String supplier, String description, String version, LocalDate publishedOn,
        Set<String> regions, Set<String> languages) {

    static final int NAME_MAX = 200;
    static final int DESCRIPTION_MAX = 2000;
    static final int VERSION_MAX = 32;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    CatalogueDetails {
        regions = Set.copyOf(regions);
        languages = Set.copyOf(languages);
    }

    /** Reads what a person or a client sent, and refuses it field by field, naming every field at fault. */
    static CatalogueDetails read(String name, String supplier, String description, String version, LocalDate publishedOn,
            List<String> regions, List<String> languages, List<String> knownRegions, LocalDate today) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        String cleanName = text(name, "name", NAME_MAX, true, errors);
        String cleanSupplier = text(supplier, "supplier", NAME_MAX, true, errors);
        String cleanDescription = text(description, "description", DESCRIPTION_MAX, false, errors);
        String cleanVersion = text(version, "version", VERSION_MAX, true, errors);
        Set<String> cleanRegions = new TreeSet<>();
        for (String region : regions == null ? List.<String>of() : regions) {
            String normalized = region == null ? "" : region.strip().toUpperCase(Locale.ROOT);
            if (!knownRegions.contains(normalized)) {
                errors.add(new InvalidInputException.FieldError("regions", "validation.region.unknown",
                        List.of(String.join(", ", knownRegions))));
                break;
            }
            cleanRegions.add(normalized);
        }
        if (cleanRegions.isEmpty() && errors.stream().noneMatch(e -> e.field().equals("regions"))) {
            errors.add(new InvalidInputException.FieldError("regions", "validation.catalogue.regionRequired"));
        }
        Set<String> cleanLanguages = new TreeSet<>();
        for (String language : languages == null ? List.<String>of() : languages) {
            String normalized = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
            if (!LANGUAGE.matcher(normalized).matches()) {
                errors.add(new InvalidInputException.FieldError("languages", "validation.catalogue.language"));
                break;
            }
            cleanLanguages.add(normalized);
        }
        if (cleanLanguages.isEmpty() && errors.stream().noneMatch(e -> e.field().equals("languages"))) {
            errors.add(new InvalidInputException.FieldError("languages", "validation.catalogue.languageRequired"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new CatalogueDetails(cleanName, cleanSupplier, cleanDescription, cleanVersion,
                publishedOn == null ? today : publishedOn, cleanRegions, cleanLanguages);
    }

    private static String text(String value, String field, int max, boolean required, List<InvalidInputException.FieldError> errors) {
        String clean = value == null ? "" : value.strip();
        if (required && clean.isEmpty()) {
            errors.add(new InvalidInputException.FieldError(field, "validation.required"));
        } else if (clean.length() > max) {
            errors.add(new InvalidInputException.FieldError(field, "validation.tooLong", List.of(max)));
        }
        return clean;
    }
}
