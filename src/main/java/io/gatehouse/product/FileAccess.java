package io.gatehouse.product;

import io.gatehouse.access.Actor;
import io.gatehouse.access.Decision;

/**
 * Whether a person may download a release file, decided before a byte is sent. The release file
 * endpoints ask the one bean of this type; a denial answers 404, so nothing is learnt of files one
 * may not have. Licences decide it for an organization's members; see {@link VendorStaffFileAccess}.
 */
@FunctionalInterface
public interface FileAccess {

    Decision decide(Actor actor, DownloadableReleaseFile file);
}
