package io.gatehouse.product;

import io.gatehouse.access.Actor;
import io.gatehouse.access.Decision;
import io.gatehouse.shared.OrganizationId;
import java.util.Set;

/**
 * Whether a person may download a release file, decided before a byte is sent. The release file
 * endpoints ask the one bean of this type; a denial answers 404, so nothing is learnt of files one
 * may not have. Licences decide it for an organization's members; see {@link VendorStaffFileAccess}.
 */
@FunctionalInterface
public interface FileAccess {

    Decision decide(Actor actor, DownloadableReleaseFile file);

    /**
     * The organizations whose product this download is a use of, asked once the download is
     * permitted: those of the person's organizations whose licences entitle them to the file. None
     * unless the access says so (the vendor's own staff use nobody's licence).
     */
    default Set<OrganizationId> usedFor(Actor actor, DownloadableReleaseFile file) {
        return Set.of();
    }
}
