package io.gatehouse.licence;

import io.gatehouse.product.ProductKind;
import io.gatehouse.product.ReleaseChannel;
import io.gatehouse.product.ReleaseVersion;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes licence rows; the rules live in {@link Licence} and {@link LicenceTerms}. */
@Repository
class LicenceStore {

    private static final String COLUMNS = """
            id, organization_id, product_id, number, key_sealed, edition, seats, valid_from, valid_until, suspended,
            channels, max_version, maintenance_until, created_at""";

    // Scalar subqueries rather than joins: FOR UPDATE then locks the licence row alone.
    private static final String NAMES = """
            (select p.name from product p where p.id = l.product_id) as product_name,
            (select p.kind from product p where p.id = l.product_id) as product_kind,
            (select o.name from organization o where o.id = l.organization_id) as organization_name""";

    private final JdbcClient jdbc;

    LicenceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Licence licence, String keyHash) {
        LicenceTerms terms = licence.terms();
        jdbc.sql("insert into licence (" + COLUMNS + ", key_hash) values (:id, :org, :product, :number, :sealed, :edition, :seats,"
                        + " :from, :until, :suspended, :channels, :maxVersion, :maintenance, :created, :hash)")
                .param("id", licence.id()).param("org", licence.organizationId()).param("product", licence.productId())
                .param("number", licence.number()).param("sealed", licence.keySealed()).param("edition", licence.edition())
                .param("seats", licence.seats()).param("from", Date.valueOf(terms.validFrom()))
                .param("until", date(terms.validUntil())).param("suspended", terms.suspended())
                .param("channels", channels(terms.channels()))
                .param("maxVersion", terms.maxVersion() == null ? null : terms.maxVersion().text())
                .param("maintenance", date(terms.maintenanceUntil()))
                .param("created", Timestamp.from(licence.createdAt())).param("hash", keyHash)
                .update();
    }

    /** Seats, dates and suspension: what the vendor changes after issuing. */
    void update(Licence licence) {
        LicenceTerms terms = licence.terms();
        jdbc.sql("""
                        update licence set seats = :seats, valid_from = :from, valid_until = :until, suspended = :suspended,
                          channels = :channels, max_version = :maxVersion, maintenance_until = :maintenance,
                          edition = :edition, version = version + 1
                        where id = :id""")
                .param("seats", licence.seats()).param("from", Date.valueOf(terms.validFrom()))
                .param("until", date(terms.validUntil())).param("suspended", terms.suspended())
                .param("channels", channels(terms.channels()))
                .param("maxVersion", terms.maxVersion() == null ? null : terms.maxVersion().text())
                .param("maintenance", date(terms.maintenanceUntil())).param("edition", licence.edition())
                .param("id", licence.id())
                .update();
    }

    void rekey(UUID id, String keyHash, String keySealed) {
        jdbc.sql("update licence set key_hash = ?, key_sealed = ?, version = version + 1 where id = ?")
                .params(keyHash, keySealed, id).update();
    }

    Optional<Licence> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from licence where id = ?").param(id).query(LicenceStore::row).optional();
    }

    /** The licence, its row locked until the transaction ends: activations of one licence run one after another. */
    Optional<Licence> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from licence where id = ? for update").param(id).query(LicenceStore::row).optional();
    }

    /** A licence with what a licence file names besides: its product's name and kind, and its organization's name. */
    record Named(Licence licence, String productName, ProductKind productKind, String organizationName) {
    }

    /**
     * The licence of this key, its row locked until the transaction ends (the product's and the
     * organization's rows are only read), with its product and organization named: one statement.
     */
    Optional<Named> lockNamedByKeyHash(String keyHash) {
        return jdbc.sql("select " + COLUMNS + ", " + NAMES + " from licence l where key_hash = ? for update").param(keyHash)
                .query(LicenceStore::named).optional();
    }

    /** The licence with its product and organization named, unlocked. */
    Optional<Named> findNamed(UUID id) {
        return jdbc.sql("select " + COLUMNS + ", " + NAMES + " from licence l where id = ?").param(id)
                .query(LicenceStore::named).optional();
    }

    boolean numberTaken(String number) {
        return jdbc.sql("select count(*) from licence where number = ?").param(number).query(Long.class).single() > 0;
    }

    List<Licence> ofOrganization(UUID organization) {
        return jdbc.sql("select " + COLUMNS + " from licence where organization_id = ? order by created_at, number")
                .param(organization).query(LicenceStore::row).list();
    }

    List<Licence> ofOrganizationAndProduct(UUID organization, UUID product) {
        return jdbc.sql("select " + COLUMNS + " from licence where organization_id = ? and product_id = ?")
                .params(organization, product).query(LicenceStore::row).list();
    }

    private static Licence row(ResultSet rs, int n) throws SQLException {
        Integer seats = rs.getObject("seats") == null ? null : rs.getInt("seats");
        String maxVersion = rs.getString("max_version");
        LicenceTerms terms = new LicenceTerms(rs.getDate("valid_from").toLocalDate(), local(rs.getDate("valid_until")),
                rs.getBoolean("suspended"), channels(rs.getString("channels")),
                maxVersion == null ? null : ReleaseVersion.of(maxVersion), local(rs.getDate("maintenance_until")));
        return new Licence(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getObject("product_id", UUID.class), rs.getString("number"), rs.getString("key_sealed"),
                rs.getString("edition"), seats, terms, rs.getTimestamp("created_at").toInstant());
    }

    private static Named named(ResultSet rs, int n) throws SQLException {
        return new Named(row(rs, n), rs.getString("product_name"), ProductKind.valueOf(rs.getString("product_kind")),
                rs.getString("organization_name"));
    }

    private static String channels(Set<ReleaseChannel> channels) {
        return channels.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    private static Set<ReleaseChannel> channels(String stored) {
        return Arrays.stream(stored.split(",")).map(ReleaseChannel::valueOf).collect(Collectors.toSet());
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static LocalDate local(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
