package io.gatehouse.product;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.storage.StoredFiles;
import io.gatehouse.storage.UploadNames;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A release's files, uploaded by the vendor admin as a stream of any size. Everything that can be
 * refused is checked before the first byte is read; the file is recorded only once it is stored whole.
 */
@Service
class ReleaseUploads {

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
        String fileName = UploadNames.fileName(name);
        String type = UploadNames.contentType(contentType, fileName);
        String sha256 = UploadNames.sha256(expectedSha256);
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
}
