package io.gatehouse.product;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.NotFoundException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Products' releases with their notes and files: what the vendor admin publishes, and what the
 * download pages read. A withdrawn release stays, for the audit trail, but is no longer available.
 */
@Service
public class Releases {

    /** Newest version first, the later date first for equal versions; versions parsed once, not at every comparison. */
    private static <T> List<T> newestFirst(List<T> releases, java.util.function.Function<T, String> version,
            java.util.function.Function<T, java.time.LocalDate> releasedOn) {
        record Keyed<T>(T release, ReleaseVersion.SortKey key, java.time.LocalDate releasedOn) {
        }
        return releases.stream()
                .map(r -> new Keyed<>(r, ReleaseVersion.of(version.apply(r)).sortKey(), releasedOn.apply(r)))
                .sorted(Comparator.comparing((Keyed<T> k) -> k.key()).reversed()
                        .thenComparing(Keyed::releasedOn, Comparator.reverseOrder()))
                .map(Keyed::release)
                .toList();
    }

    private final JdbcClient jdbc;
    private final Products products;
    private final AccessPolicy policy;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Releases(JdbcClient jdbc, Products products, AccessPolicy policy, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.products = products;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
    }

    // ---- reading

    /** Every release of the product, withdrawn ones included, newest first. */
    @Transactional(readOnly = true)
    public List<ReleaseView> of(UUID productId) {
        return read("r.product_id = ?", productId);
    }

    /** The releases people may still be offered: not withdrawn, newest first. */
    @Transactional(readOnly = true)
    public List<ReleaseView> available(UUID productId) {
        return read("r.product_id = ? and r.withdrawn = false", productId);
    }

    /**
     * The releases people may still be offered, of every product at once, by product id, each list
     * newest first: a download page reads them in three statements, however many products there are.
     */
    @Transactional(readOnly = true)
    public Map<UUID, List<ReleaseView>> availableByProduct() {
        Map<UUID, List<ReleaseView>> byProduct = new HashMap<>();
        for (ReleaseView release : read("r.withdrawn = false")) {
            byProduct.computeIfAbsent(release.productId(), k -> new ArrayList<>()).add(release);
        }
        return byProduct;
    }

    /**
     * The releases people may still be offered, of every product, as outlines: by product id, each
     * list newest first, in one statement. A page chooses among them, then reads {@link #details} of those it shows.
     */
    @Transactional(readOnly = true)
    public Map<UUID, List<ReleaseOutline>> availableOutlinesByProduct() {
        List<ReleaseOutline> outlines = jdbc.sql(
                        "select id, product_id, version, channel, released_on from product_release where withdrawn = false")
                .query((rs, n) -> new ReleaseOutline(rs.getObject("id", UUID.class), rs.getObject("product_id", UUID.class),
                        ReleaseVersion.of(rs.getString("version")), ReleaseChannel.valueOf(rs.getString("channel")),
                        rs.getDate("released_on").toLocalDate()))
                .list();
        Map<UUID, List<ReleaseOutline>> byProduct = new HashMap<>();
        for (ReleaseOutline release : newestFirst(outlines, o -> o.version().text(), ReleaseOutline::releasedOn)) {
            byProduct.computeIfAbsent(release.productId(), k -> new ArrayList<>()).add(release);
        }
        return byProduct;
    }

    /** These releases with their notes and files, in the order given: two statements, however many releases. */
    @Transactional(readOnly = true)
    public List<ReleaseView> details(List<ReleaseOutline> releases) {
        if (releases.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = releases.stream().map(ReleaseOutline::id).toList();
        Map<UUID, Map<String, String>> notes = new HashMap<>();
        jdbc.sql("select release_id, language, text from release_note where release_id in (:ids)").param("ids", ids)
                .query(rs -> {
                    notes.computeIfAbsent(rs.getObject("release_id", UUID.class), k -> new LinkedHashMap<>())
                            .put(rs.getString("language"), rs.getString("text"));
                });
        Map<UUID, List<ReleaseFileView>> files = new HashMap<>();
        jdbc.sql("""
                        select rf.release_id, rf.platform, f.id, f.name, f.size_bytes, f.sha256, f.content_type, f.stored_at
                        from release_file rf join stored_file f on f.id = rf.file_id
                        where rf.release_id in (:ids) order by rf.platform, f.name""")
                .param("ids", ids)
                .query(rs -> {
                    files.computeIfAbsent(rs.getObject("release_id", UUID.class), k -> new ArrayList<>()).add(fileView(rs));
                });
        return releases.stream()
                .map(r -> new ReleaseView(r.id(), r.productId(), r.version().text(), r.channel(), r.releasedOn(), false,
                        notes.getOrDefault(r.id(), Map.of()), files.getOrDefault(r.id(), List.of())))
                .toList();
    }

    @Transactional(readOnly = true)
    public Optional<ReleaseView> find(UUID productId, UUID releaseId) {
        return read("r.product_id = ? and r.id = ?", productId, releaseId).stream().findFirst();
    }

    /** A release file with its product and release, for deciding who may download it. */
    @Transactional(readOnly = true)
    public Optional<DownloadableReleaseFile> file(UUID fileId) {
        record Row(ReleaseFileView file, UUID releaseId, UUID productId, String version, ReleaseChannel channel,
                java.time.LocalDate releasedOn, boolean withdrawn) {
        }
        return jdbc.sql("""
                        select f.id, f.name, f.size_bytes, f.sha256, f.content_type, f.stored_at, rf.platform,
                               r.id as release_id, r.product_id, r.version, r.channel, r.released_on, r.withdrawn
                        from release_file rf join stored_file f on f.id = rf.file_id join product_release r on r.id = rf.release_id
                        where rf.file_id = ?""")
                .param(fileId)
                .query((rs, n) -> new Row(fileView(rs), rs.getObject("release_id", UUID.class), rs.getObject("product_id", UUID.class),
                        rs.getString("version"), ReleaseChannel.valueOf(rs.getString("channel")), rs.getDate("released_on").toLocalDate(),
                        rs.getBoolean("withdrawn")))
                .optional()
                .flatMap(row -> products.find(row.productId()).map(product -> new DownloadableReleaseFile(row.file(), product,
                        row.releaseId(), row.version(), row.channel(), row.releasedOn(), row.withdrawn())));
    }

    // ---- the vendor admin's changes

    @Transactional
    public ReleaseView define(Actor actor, UUID productId, ReleaseDraft draft) {
        policy.manageProducts(actor).orThrow();
        ProductSummary product = products.find(productId).orElseThrow(() -> new NotFoundException("product"));
        String key = draft.version().canonical();
        if (jdbc.sql("select count(*) from product_release where product_id = ? and version_key = ?").params(productId, key)
                .query(Long.class).single() > 0) {
            throw new ConflictException("version", "products.release.versionExists");
        }
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                            insert into product_release (id, product_id, version, version_key, channel, released_on, created_at)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, productId, draft.version().text(), key, draft.channel().name(), Date.valueOf(draft.releasedOn()),
                            Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("version", "products.release.versionExists");
        }
        writeNotes(id, draft.notes());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("product", product.name());
        after.put("version", draft.version().text());
        after.put("channel", draft.channel().name());
        after.put("releasedOn", draft.releasedOn().toString());
        after.put("notes", draft.notes().keySet().stream().sorted().toList());
        events.publishEvent(new Audited(actor.ref(), null, "release.created", "release", id.toString(), null, after));
        return find(productId, id).orElseThrow();
    }

    /** Withdraws a release (hidden from downloads, kept for the audit trail), or offers it again. */
    @Transactional
    public ReleaseView withdraw(Actor actor, UUID productId, UUID releaseId, boolean withdrawn) {
        policy.manageProducts(actor).orThrow();
        ReleaseView release = locked(productId, releaseId);
        if (release.withdrawn() != withdrawn) {
            jdbc.sql("update product_release set withdrawn = ? where id = ?").params(withdrawn, releaseId).update();
            events.publishEvent(new Audited(actor.ref(), null, withdrawn ? "release.withdrawn" : "release.restored", "release",
                    releaseId.toString(), Map.of("version", release.version(), "withdrawn", release.withdrawn()),
                    Map.of("version", release.version(), "withdrawn", withdrawn)));
        }
        return find(productId, releaseId).orElseThrow();
    }

    /** Replaces the release notes: the languages given are the notes from now on. */
    @Transactional
    public ReleaseView changeNotes(Actor actor, UUID productId, UUID releaseId, Map<String, String> notes) {
        policy.manageProducts(actor).orThrow();
        Map<String, String> checked = ReleaseDraft.notes(notes);
        ReleaseView release = locked(productId, releaseId);
        if (!release.notes().equals(checked)) {
            jdbc.sql("delete from release_note where release_id = ?").param(releaseId).update();
            writeNotes(releaseId, checked);
            events.publishEvent(new Audited(actor.ref(), null, "release.notesChanged", "release", releaseId.toString(),
                    Map.of("version", release.version(), "notes", new HashMap<>(release.notes())),
                    Map.of("version", release.version(), "notes", new HashMap<>(checked))));
        }
        return find(productId, releaseId).orElseThrow();
    }

    /** Locks the release row, so that two changes to one release (two uploads of one name) run one after the other. */
    ReleaseView locked(UUID productId, UUID releaseId) {
        jdbc.sql("select id from product_release where id = ? and product_id = ? for update").params(releaseId, productId)
                .query(UUID.class).optional().orElseThrow(() -> new NotFoundException("release"));
        return find(productId, releaseId).orElseThrow(() -> new NotFoundException("release"));
    }

    private void writeNotes(UUID releaseId, Map<String, String> notes) {
        notes.forEach((language, text) -> jdbc.sql("insert into release_note (release_id, language, text) values (?, ?, ?)")
                .params(releaseId, language, text).update());
    }

    private List<ReleaseView> read(String where, Object... params) {
        record Row(UUID id, UUID productId, String version, ReleaseChannel channel, java.time.LocalDate releasedOn, boolean withdrawn) {
        }
        List<Row> rows = jdbc.sql("select r.* from product_release r where " + where).params(params)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("product_id", UUID.class), rs.getString("version"),
                        ReleaseChannel.valueOf(rs.getString("channel")), rs.getDate("released_on").toLocalDate(), rs.getBoolean("withdrawn")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, Map<String, String>> notes = new HashMap<>();
        jdbc.sql("select n.release_id, n.language, n.text from release_note n join product_release r on r.id = n.release_id where " + where)
                .params(params)
                .query(rs -> {
                    notes.computeIfAbsent(rs.getObject("release_id", UUID.class), k -> new LinkedHashMap<>())
                            .put(rs.getString("language"), rs.getString("text"));
                });
        Map<UUID, List<ReleaseFileView>> files = new HashMap<>();
        jdbc.sql("""
                        select rf.release_id, rf.platform, f.id, f.name, f.size_bytes, f.sha256, f.content_type, f.stored_at
                        from release_file rf join stored_file f on f.id = rf.file_id join product_release r on r.id = rf.release_id
                        where\s""" + where + " order by rf.platform, f.name")
                .params(params)
                .query(rs -> {
                    files.computeIfAbsent(rs.getObject("release_id", UUID.class), k -> new ArrayList<>()).add(fileView(rs));
                });
        return newestFirst(rows, Row::version, Row::releasedOn).stream()
                .map(r -> new ReleaseView(r.id(), r.productId(), r.version(), r.channel(), r.releasedOn(), r.withdrawn(),
                        notes.getOrDefault(r.id(), Map.of()), files.getOrDefault(r.id(), List.of())))
                .toList();
    }

    static ReleaseFileView fileView(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ReleaseFileView(rs.getObject("id", UUID.class), rs.getString("name"), Platform.valueOf(rs.getString("platform")),
                rs.getLong("size_bytes"), rs.getString("sha256").strip(), rs.getString("content_type"),
                rs.getTimestamp("stored_at").toInstant());
    }
}
