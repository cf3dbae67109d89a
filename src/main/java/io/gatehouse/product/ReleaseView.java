package io.gatehouse.product;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A release with its notes (by language code: "en", "fr", "es", "ja") and its files. Lists of
 * releases come newest first, by {@link ReleaseVersion}'s order.
 */
public record ReleaseView(UUID id, UUID productId, String version, ReleaseChannel channel, LocalDate releasedOn, boolean withdrawn,
        Map<String, String> notes, List<ReleaseFileView> files) {

    public ReleaseView {
        notes = Map.copyOf(notes);
        files = List.copyOf(files);
    }

    public ReleaseVersion releaseVersion() {
        return ReleaseVersion.of(version);
    }

    /** The notes in a language, else in English, else in any language they were written in; empty when none. */
    public String notesIn(String language) {
        return notes.getOrDefault(language, notes.getOrDefault("en", notes.values().stream().findFirst().orElse("")));
    }
}
