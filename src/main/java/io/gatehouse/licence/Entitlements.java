package io.gatehouse.licence;

import io.gatehouse.shared.OrganizationId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether an organization's licences, as they stand today, entitle it to a release: one licence of
 * the release's product that is active, covers its channel, reaches its version and whose
 * maintenance covers its date is enough.
 */
@Service
public class Entitlements {

    private final LicenceStore licences;
    private final Clock clock;

    Entitlements(LicenceStore licences, Clock clock) {
        this.licences = licences;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public boolean entitled(OrganizationId organization, ReleaseFacts release) {
        return of(organization).test(release);
    }

    /** The organization's licences read once, to judge many releases (a download page). */
    @Transactional(readOnly = true)
    public Predicate<ReleaseFacts> of(OrganizationId organization) {
        LocalDate today = LocalDate.now(clock);
        // Only the licences active today can entitle; by product, so a page of many releases asks few of them.
        Map<UUID, List<Licence>> active = licences.ofOrganization(organization.value()).stream()
                .filter(licence -> licence.status(today).active())
                .collect(Collectors.groupingBy(Licence::productId));
        return release -> active.getOrDefault(release.productId(), List.of()).stream()
                .anyMatch(licence -> licence.entitles(release, today));
    }
}
