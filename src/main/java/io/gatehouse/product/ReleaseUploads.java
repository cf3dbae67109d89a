package io.gatehouse.product;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.InputLimits;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.storage.StoredFiles;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A release's files, uploaded by the vendor admin as a stream of any size. Everything that can be
 * refused is checked before the first byte is read; the file is recorded only once it is stored whole.
 */
@Service
class ReleaseUploads {

    static final int MAX_NAME = 255;
    static final int MAX_CONTENT_TYPE = 100;

    private final Releases releases;
    private final StoredFiles files;
    private final AccessPolicy policy;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    ReleaseUploads(Releases releases, StoredFiles files, AccessPolicy policy, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.releases = releases;
        this.files = files;
        this.policy = policy;
        this.jdbc = jdbc;
        this.events = events;
    }

    ReleaseFileView add(Actor actor, UUID productId, UUID releaseId, Platform platform, String name, String contentType,
            InputStream content, Long expectedSize, String expectedSha256) {
        policy.manageProducts(actor).orThrow();
        ReleaseView release = releases.find(productId, releaseId).orElseThrow(() -> new NotFoundException("release"));
        if (platform == null) {
            throw InvalidInputException.of("platform", "validation.required");
        }
        String fileName = fileName(name);
        String type = contentType(contentType, fileName);
        String sha256 = expectedSha256(expectedSha256);
        if (expectedSize != null && expectedSize > files.maxFileSize()) {
            throw InvalidInputException.of("size", "storage.upload.tooLarge", files.maxFileSize());
        }
        requireNewName(release, fileName);
        return files.upload(content, fileName, type, actor.userId(), expectedSize, sha256, stored -> {
            ReleaseView current = releases.locked(productId, releaseId);
            requireNewName(current, fileName);
            jdbc.sql("insert into release_file (file_id, release_id, platform) values (?, ?, ?)")
                    .params(stored.id(), releaseId, platform.name()).update();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("version", current.version());
            after.put("name", stored.name());
            after.put("platform", platform.name());
            after.put("size", stored.size());
            after.put("sha256", stored.sha256());
            events.publishEvent(new Audited(actor.ref(), null, "release.fileAdded", "file", stored.id().toString(), null, after));
            return new ReleaseFileView(stored.id(), stored.name(), platform, stored.size(), stored.sha256(), stored.contentType(),
                    stored.storedAt());
        });
    }

    private static void requireNewName(ReleaseView release, String name) {
        if (release.files().stream().anyMatch(f -> f.name().equalsIgnoreCase(name))) {
            throw new ConflictException("name", "products.file.nameExists");
        }
    }

    /** A name to save the file under on any system: no folders, no control characters, not hidden. */
    static String fileName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            throw InvalidInputException.of("name", "validation.required");
        }
        if (stripped.length() > MAX_NAME) {
            throw InvalidInputException.of("name", "validation.size.max", MAX_NAME);
        }
        InputLimits.requireText("name", stripped);
        if (stripped.startsWith(".") || stripped.chars().anyMatch(c -> "/\\:*?\"<>|".indexOf(c) >= 0)) {
            throw InvalidInputException.of("name", "products.file.nameInvalid");
        }
        return stripped;
    }

    /** The type the sender gave, unless it is the generic one: then the one the name suggests. */
    static String contentType(String given, String name) {
        MediaType parsed = null;
        if (given != null && !given.isBlank()) {
            try {
                parsed = MediaType.parseMediaType(given);
            } catch (RuntimeException e) {
                throw InvalidInputException.of("contentType", "validation.invalid");
            }
        }
        if (parsed == null || parsed.equalsTypeAndSubtype(MediaType.APPLICATION_OCTET_STREAM) || parsed.isWildcardType()
                || parsed.getType().equals("multipart") || parsed.equalsTypeAndSubtype(MediaType.APPLICATION_FORM_URLENCODED)) {
            Optional<MediaType> guessed = MediaTypeFactory.getMediaType(name);
            parsed = guessed.orElse(MediaType.APPLICATION_OCTET_STREAM);
        }
        String text = parsed.getType() + "/" + parsed.getSubtype();
        return text.length() > MAX_CONTENT_TYPE ? MediaType.APPLICATION_OCTET_STREAM_VALUE : text;
    }

    private static String expectedSha256(String sha256) {
        if (sha256 == null || sha256.isBlank()) {
            return null;
        }
        String lower = sha256.strip().toLowerCase(java.util.Locale.ROOT);
        if (!io.gatehouse.storage.UploadCheck.isSha256(lower)) {
            throw InvalidInputException.of("sha256", "products.file.sha256Invalid");
        }
        return lower;
    }
}
