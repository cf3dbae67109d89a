package io.gatehouse.download;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Decision;
import io.gatehouse.licence.Entitlements;
import io.gatehouse.licence.ReleaseFacts;
import io.gatehouse.product.DownloadableReleaseFile;
import io.gatehouse.product.FileAccess;
import io.gatehouse.shared.OrganizationId;
import java.util.HashSet;
import java.util.Set;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Who may download a release file: vendor staff any; anyone else when one of their organizations, in
 * which they are active, holds a licence that entitles it to the file's release today. A withdrawn
 * release is nobody's to download but the vendor's.
 */
@Component
@Primary
class LicensedFileAccess implements FileAccess {

    private final Entitlements entitlements;
    private final AccessPolicy policy;

    LicensedFileAccess(Entitlements entitlements, AccessPolicy policy) {
        this.entitlements = entitlements;
        this.policy = policy;
    }

    @Override
    public Decision decide(Actor actor, DownloadableReleaseFile file) {
        if (actor.isVendorStaff()) {
            return Decision.allow();
        }
        for (OrganizationId organization : actor.organizations().keySet()) {
            if (in(organization).decide(actor, file).allowed()) {
                return Decision.allow();
            }
        }
        return Decision.deny("policy.download.notEntitled");
    }

    /** A download through the API or a signed link uses the product of every organization of the person that entitles them to it. */
    @Override
    public Set<OrganizationId> usedFor(Actor actor, DownloadableReleaseFile file) {
        Set<OrganizationId> using = new HashSet<>();
        if (actor.isVendorStaff()) {
            return using;
        }
        for (OrganizationId organization : actor.organizations().keySet()) {
            if (actor.activeIn(organization).isPresent() && in(organization).decide(actor, file).allowed()) {
                using.add(organization);
            }
        }
        return using;
    }

    /** The same question for one organization: the portal's download page asks it for the organization shown. */
    FileAccess in(OrganizationId organization) {
        return new FileAccess() {
            @Override
            public Decision decide(Actor actor, DownloadableReleaseFile file) {
                Decision member = policy.downloadProducts(actor, organization);
                if (member.denied()) {
                    return member;
                }
                if (actor.isVendorStaff()) {
                    return Decision.allow();
                }
                boolean entitled = !file.withdrawn() && entitlements.entitled(organization, facts(file));
                return entitled ? Decision.allow() : Decision.deny("policy.download.notEntitled");
            }

            /** Downloaded from this organization's page: its use, when the person is one of its active members. */
            @Override
            public Set<OrganizationId> usedFor(Actor actor, DownloadableReleaseFile file) {
                return actor.activeIn(organization).isPresent() ? Set.of(organization) : Set.of();
            }
        };
    }

    static ReleaseFacts facts(DownloadableReleaseFile file) {
        return new ReleaseFacts(file.product().id(), file.releaseVersion(), file.channel(), file.releasedOn());
    }
}
