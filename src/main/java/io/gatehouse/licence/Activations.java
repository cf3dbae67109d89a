package io.gatehouse.licence;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.product.ProductKind;
import io.gatehouse.product.ReleaseVersion;
import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.ProductUsed;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Machine activations of desktop software. The software activates with the secret licence key and
 * gets a signed licence file; each machine (fingerprint) holds one seat, and activating the same
 * machine again reuses its seat. Activations of one licence run one after another under the
 * licence row's lock, so the seats are never exceeded. The organization frees a seat in the portal.
 */
@Service
@Transactional
public class Activations {

    static final int MAX_TEXT = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LicenceStore store;
    private final Licences licences;
    private final LicenceSigningKey signing;
    private final ActivationThrottle throttle;
    private final AccessPolicy policy;
    private final JdbcClient jdbc;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration fileValidFor;

    Activations(LicenceStore store, Licences licences, LicenceSigningKey signing, ActivationThrottle throttle, AccessPolicy policy,
            JdbcClient jdbc, org.springframework.context.ApplicationEventPublisher events, Clock clock,
            @Value("${gatehouse.licences.file-valid-for:7d}") Duration fileValidFor) {
        this.store = store;
        this.licences = licences;
        this.signing = signing;
        this.throttle = throttle;
        this.policy = policy;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.fileValidFor = fileValidFor;
    }

    /** What the software receives: the activation's id, whether it was new, and the signed licence file. */
    public record Activated(String id, boolean created, String licenceFile, Instant expiresAt) {
    }

    public Activated activate(String licenceKey, String fingerprint, String machineName, String address) {
        return activate(licenceKey, fingerprint, machineName, null, address, null);
    }

    /**
     * An activation the software makes with the licence key, and, when it is also signed in as a
     * person (their API token), on that person's behalf: if they are an active member of the
     * licence's organization, the machine reads as activated by them and the activation is their use
     * of {@code version} (which the software may name) for Export users.
     */
    public Activated activate(String licenceKey, String fingerprint, String machineName, String version, String address, Actor person) {
        throttle.check(address);
        List<InvalidInputException.FieldError> errors = new java.util.ArrayList<>();
        required("licenceKey", licenceKey, 64, errors);
        required("fingerprint", fingerprint, MAX_TEXT, errors);
        required("machineName", machineName, MAX_TEXT, errors);
        if (version != null && !version.isBlank() && !ReleaseVersion.isValid(version.strip())) {
            errors.add(new InvalidInputException.FieldError("version", "products.release.versionInvalid", List.of(ReleaseVersion.MAX_LENGTH)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        // Found and locked at once, its product and organization named: activations of one licence run one after another.
        Optional<LicenceStore.Named> found = store.lockNamedByKeyHash(LicenceKeys.hash(licenceKey));
        if (found.isEmpty()) {
            throttle.failed(address);
            throw InvalidInputException.of("licenceKey", "validation.activation.unknownKey");
        }
        Licence licence = found.get().licence();
        if (found.get().productKind() != ProductKind.DESKTOP) {
            throw new ConflictException("licenceKey", "conflict.activation.notDesktop");
        }
        requireActive(licence);
        String machine = fingerprint.strip();
        OrganizationId organization = new OrganizationId(licence.organizationId());
        boolean byMember = person != null && person.activeIn(organization).isPresent();
        Optional<UUID> existing = jdbc.sql("select id from activation where licence_id = ? and fingerprint = ? and deactivated_at is null")
                .params(licence.id(), machine).query(UUID.class).optional();
        if (existing.isPresent()) {
            // activated again, after an upgrade say: the version the person uses now
            used(byMember ? person : null, organization, found.get(), version);
            return new Activated(existing.get().toString(), false, file(found.get(), existing.get(), machine), expiry(licence));
        }
        if (licence.seats() != null) {
            long used = jdbc.sql("select count(*) from activation where licence_id = ? and deactivated_at is null")
                    .param(licence.id()).query(Long.class).single();
            if (used >= licence.seats()) {
                throw SeatsTaken.machines(found.get().productName(), used, licence.seats());
            }
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String by = truncate(byMember ? person.label() : "licence key" + (address == null ? "" : " · " + address), 300);
        jdbc.sql("""
                        insert into activation (id, licence_id, machine_name, fingerprint, activated_by, activated_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(id, licence.id(), machineName.strip(), machine, by, Timestamp.from(now)).update();
        events.publishEvent(new Audited(byMember ? person.ref() : new ActorRef(null, by), organization, "activation.created",
                "activation", id.toString(), null, Map.of("licence", licence.number(), "machineName", machineName.strip())));
        used(byMember ? person : null, organization, found.get(), version);
        return new Activated(id.toString(), true, file(found.get(), id, machine), expiry(licence));
    }

    /** For Export users' "Version used": nothing when the activation was made with the key alone. */
    private void used(Actor member, OrganizationId organization, LicenceStore.Named licence, String version) {
        if (member != null) {
            events.publishEvent(new ProductUsed(organization, member.userId(), licence.licence().productId(), licence.productName(),
                    version == null ? null : version.strip()));
        }
    }

    /** The software checks its activation and gets a fresh licence file; a wrong fingerprint is not found. */
    public Activated check(UUID id, String fingerprint, String address) {
        throttle.check(address);
        Row row = live(id, fingerprint, address);
        LicenceStore.Named licence = store.findNamed(row.licenceId()).orElseThrow(() -> new NotFoundException("activation"));
        requireActive(licence.licence());
        return new Activated(id.toString(), false, file(licence, id, row.fingerprint()), expiry(licence.licence()));
    }

    /** The software gives its seat back (uninstalling). */
    public void release(UUID id, String fingerprint, String address) {
        throttle.check(address);
        Row row = live(id, fingerprint, address);
        Licence licence = store.lock(row.licenceId()).orElseThrow(() -> new NotFoundException("activation"));
        end(id);
        events.publishEvent(new Audited(new ActorRef(null, truncate("licence key" + (address == null ? "" : " · " + address), 300)),
                new OrganizationId(licence.organizationId()), "activation.released", "activation", id.toString(),
                Map.of("licence", licence.number(), "machineName", row.machineName()), null));
    }

    // ---- the portal

    @Transactional(readOnly = true)
    public List<ActivationView> list(Actor actor, OrganizationId organization, UUID licenceId) {
        licences.visible(actor, organization, licenceId);
        return jdbc.sql("""
                        select id, licence_id, machine_name, activated_by, activated_at, deactivated_at from activation
                        where licence_id = ? and deactivated_at is null order by activated_at desc, machine_name""")
                .param(licenceId)
                .query((rs, n) -> new ActivationView(rs.getObject("id", UUID.class).toString(),
                        rs.getObject("licence_id", UUID.class).toString(), rs.getString("machine_name"), rs.getString("activated_by"),
                        rs.getTimestamp("activated_at").toInstant(), null))
                .list();
    }

    /** "Deactivate": the machine's seat is free at once; its licence file stops being renewed. */
    public ActivationView deactivate(Actor actor, OrganizationId organization, UUID licenceId, UUID activationId) {
        Licence licence = licences.visible(actor, organization, licenceId);
        policy.deactivateMachine(actor, organization).orThrow();
        store.lock(licenceId);
        ActivationView activation = list(actor, organization, licenceId).stream().filter(a -> a.id().equals(activationId.toString()))
                .findFirst().orElseThrow(() -> new NotFoundException("activation"));
        end(activationId);
        events.publishEvent(new Audited(actor.ref(), organization, "activation.deactivated", "activation", activationId.toString(),
                Map.of("licence", licence.number(), "machineName", activation.machineName()), null));
        return activation;
    }

    private void end(UUID id) {
        jdbc.sql("update activation set deactivated_at = ? where id = ? and deactivated_at is null")
                .params(Timestamp.from(clock.instant()), id).update();
    }

    private record Row(UUID licenceId, String fingerprint, String machineName) {
    }

    private Row live(UUID id, String fingerprint, String address) {
        Optional<Row> row = fingerprint == null ? Optional.empty() : jdbc.sql("""
                        select licence_id, fingerprint, machine_name from activation
                        where id = ? and fingerprint = ? and deactivated_at is null""")
                .params(id, fingerprint.strip())
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).optional();
        if (row.isEmpty()) {
            throttle.failed(address);
            throw new NotFoundException("activation");
        }
        return row.get();
    }

    private void requireActive(Licence licence) {
        LicenceStatus status = licence.status(LocalDate.now(clock));
        if (!status.active()) {
            throw new ForbiddenException("activation.inactive." + status.reason());
        }
    }

    /** A licence file expires after a while, and never after its licence does: the software renews it while it may. */
    private Instant expiry(Licence licence) {
        Instant exp = clock.instant().plus(fileValidFor);
        LocalDate until = licence.terms().validUntil();
        if (until != null) {
            Instant end = until.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            if (end.isBefore(exp)) {
                exp = end;
            }
        }
        return exp;
    }

    private String file(LicenceStore.Named named, UUID activation, String fingerprint) {
        Licence licence = named.licence();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", "gatehouse");
        payload.put("sub", activation.toString());
        payload.put("licenceNumber", licence.number());
        payload.put("product", named.productName());
        payload.put("productId", licence.productId().toString());
        payload.put("edition", licence.edition());
        payload.put("fingerprint", fingerprint);
        payload.put("organization", licence.organizationId().toString());
        payload.put("organizationName", named.organizationName());
        payload.put("iat", clock.instant().getEpochSecond());
        payload.put("exp", expiry(licence).getEpochSecond());
        return signing.sign(JSON.writeValueAsString(payload));
    }

    private static void required(String field, String value, int max, List<InvalidInputException.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new InvalidInputException.FieldError(field, "validation.required"));
        } else if (value.strip().length() > max) {
            errors.add(new InvalidInputException.FieldError(field, "validation.tooLong", List.of(max)));
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
