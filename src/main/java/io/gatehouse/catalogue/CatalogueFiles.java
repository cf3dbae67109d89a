package io.gatehouse.catalogue;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.storage.DownloadPlan;
import io.gatehouse.storage.Downloads;
import io.gatehouse.storage.StoredFile;
import io.gatehouse.storage.StoredFiles;
import io.gatehouse.storage.UploadNames;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A catalogue's files: uploaded by the vendor admin as a stream of any size, downloaded by the members
 * of organizations that have the catalogue on their account (vendor staff: any), every download audited.
 */
@Service
class CatalogueFiles {

    private final Catalogues catalogues;
    private final StoredFiles files;
    private final Downloads downloads;
    private final AccessPolicy policy;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    CatalogueFiles(Catalogues catalogues, StoredFiles files, Downloads downloads, AccessPolicy policy, JdbcClient jdbc,
            TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.catalogues = catalogues;
        this.files = files;
        this.downloads = downloads;
        this.policy = policy;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
    }

    /** Everything that can be refused is checked before the first byte is read; the file is recorded once stored whole. */
    CatalogueFileView add(Actor actor, String catalogueId, String name, String contentType, InputStream content, Long expectedSize,
            String expectedSha256) {
        policy.defineCatalogues(actor).orThrow();
        CatalogueView catalogue = catalogues.get(actor, catalogueId);
        UUID id = UUID.fromString(catalogue.id());
        String fileName = UploadNames.fileName(name);
        String type = UploadNames.contentType(contentType, fileName);
        String sha256 = UploadNames.sha256(expectedSha256);
        if (expectedSize != null && expectedSize > files.maxFileSize()) {
            throw InvalidInputException.of("size", "storage.upload.tooLarge", files.maxFileSize());
        }
        requireNewName(id, fileName);
        return files.upload(content, fileName, type, actor.userId(), expectedSize, sha256, stored -> {
            // The catalogue row is locked so that two uploads of the same name cannot both pass the check.
            jdbc.sql("select id from catalogue where id = ? for update").param(id).query(UUID.class).optional()
                    .orElseThrow(() -> new NotFoundException("catalogue"));
            requireNewName(id, fileName);
            jdbc.sql("insert into catalogue_file (file_id, catalogue_id) values (?, ?)").params(stored.id(), id).update();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("catalogue", catalogue.name());
            after.put("name", stored.name());
            after.put("size", stored.size());
            after.put("sha256", stored.sha256());
            events.publishEvent(new Audited(actor.ref(), null, "catalogue.fileAdded", "file", stored.id().toString(), null, after));
            return view(stored);
        });
    }

    /** The files of a catalogue on the organization's account (any, for vendor staff); 404 otherwise. */
    List<CatalogueFileView> downloadable(Actor actor, OrganizationId organization, String catalogueId) {
        OfferedCatalogue offered = catalogues.offered(actor, organization, catalogueId);
        if (!offered.onAccount() && !actor.isVendorStaff()) {
            throw new NotFoundException("catalogue");
        }
        return of(List.of(offered.catalogue().id())).getOrDefault(offered.catalogue().id(), List.of());
    }

    /** The files of these catalogues, by catalogue id, each list by name. */
    Map<String, List<CatalogueFileView>> of(List<String> catalogueIds) {
        Map<String, List<CatalogueFileView>> byCatalogue = new LinkedHashMap<>();
        if (catalogueIds.isEmpty()) {
            return byCatalogue;
        }
        jdbc.sql("""
                        select c.catalogue_id, f.id, f.name, f.size_bytes, f.sha256, f.content_type, f.stored_at
                        from catalogue_file c join stored_file f on f.id = c.file_id
                        where c.catalogue_id in (:ids) order by lower(f.name)""")
                .param("ids", catalogueIds.stream().map(UUID::fromString).toList())
                .query(rs -> {
                    byCatalogue.computeIfAbsent(rs.getObject("catalogue_id", UUID.class).toString(), k -> new java.util.ArrayList<>())
                            .add(new CatalogueFileView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getLong("size_bytes"),
                                    rs.getString("sha256"), rs.getString("content_type"), rs.getTimestamp("stored_at").toInstant()));
                });
        return byCatalogue;
    }

    /**
     * Sends a file of a catalogue on the organization's account, answering Range, If-Range and
     * If-None-Match. Anything else — another organization, a catalogue not on the account, a file of
     * another catalogue — is 404.
     */
    void send(Actor actor, OrganizationId organization, String catalogueId, String fileId, HttpServletRequest request,
            HttpServletResponse response) {
        OfferedCatalogue offered = catalogues.offered(actor, organization, catalogueId);
        if (!offered.onAccount() && !actor.isVendorStaff()) {
            throw new NotFoundException("file");
        }
        UUID file = parse(fileId);
        boolean belongs = jdbc.sql("select count(*) from catalogue_file where file_id = ? and catalogue_id = ?")
                .params(file, UUID.fromString(offered.catalogue().id())).query(Long.class).single() > 0;
        StoredFile stored = belongs ? files.find(file).orElseThrow(() -> new NotFoundException("file")) : null;
        if (stored == null) {
            throw new NotFoundException("file");
        }
        DownloadPlan plan = downloads.plan(request, stored.downloadable());
        if (plan.sendsContent() && !"HEAD".equalsIgnoreCase(request.getMethod())) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("catalogue", offered.catalogue().name());
            after.put("name", stored.name());
            after.put("sha256", stored.sha256());
            after.put("bytes", plan.kind() == DownloadPlan.Kind.RANGE
                    ? plan.offset() + "-" + (plan.offset() + plan.length() - 1) + "/" + stored.size() : "all/" + stored.size());
            transactions.executeWithoutResult(status -> events.publishEvent(
                    new Audited(actor.ref(), organization, "catalogue.fileDownloaded", "file", stored.id().toString(), null, after)));
        }
        downloads.send(plan, request, response);
    }

    private void requireNewName(UUID catalogue, String name) {
        long same = jdbc.sql("""
                        select count(*) from catalogue_file c join stored_file f on f.id = c.file_id
                        where c.catalogue_id = ? and lower(f.name) = lower(?)""")
                .params(catalogue, name).query(Long.class).single();
        if (same > 0) {
            throw new ConflictException("name", "catalogues.file.nameExists");
        }
    }

    private static CatalogueFileView view(StoredFile stored) {
        return new CatalogueFileView(stored.id(), stored.name(), stored.size(), stored.sha256(), stored.contentType(), stored.storedAt());
    }

    private static UUID parse(String id) {
        if (id == null || id.length() != 36) {
            throw new NotFoundException("file");
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("file");
        }
    }
}
