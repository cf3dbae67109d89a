package io.gatehouse.download;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Decision;
import io.gatehouse.licence.Entitlements;
import io.gatehouse.licence.ReleaseFacts;
import io.gatehouse.product.DownloadableReleaseFile;
import io.gatehouse.product.FileAccess;
import io.gatehouse.shared.OrganizationId;
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

    /** The same question for one organization: the portal's download page asks it for the organization shown. */
    FileAccess in(OrganizationId organization) {
        return (actor, file) -> {
            Decision member = policy.downloadProducts(actor, organization);
            if (member.denied()) {
                return member;
            }
            if (actor.isVendorStaff()) {
                return Decision.allow();
            }
            boolean entitled = !file.withdrawn() && entitlements.entitled(organization, facts(file));
            return entitled ? Decision.allow() : Decision.deny("policy.download.notEntitled");
        };
    }

    static ReleaseFacts facts(DownloadableReleaseFile file) {
        return new ReleaseFacts(file.product().id(), file.releaseVersion(), file.channel(), file.releasedOn());
    }
}
