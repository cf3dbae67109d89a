package io.gatehouse.product;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Until an organization's licences entitle its members to releases, only the vendor's staff
 * download release files. A {@link FileAccess} bean marked {@code @Primary} takes this one's place.
 */
@Configuration(proxyBeanMethods = false)
class VendorStaffFileAccess {

    @Bean
    FileAccess vendorStaffOnly(AccessPolicy policy) {
        return (Actor actor, DownloadableReleaseFile file) -> policy.downloadReleaseFileAsVendor(actor);
    }

}
