package io.gatehouse.download;

import io.gatehouse.access.Actor;
import io.gatehouse.organization.Organizations;
import io.gatehouse.product.ReleaseDownloads;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PortalPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.UUID;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Products download: the entitled releases of each product, newest first, and their files. */
@PortalPage
class DownloadPages {

    private final ProductDownloads downloads;
    private final ReleaseDownloads files;
    private final LicensedFileAccess access;
    private final Organizations organizations;

    DownloadPages(ProductDownloads downloads, ReleaseDownloads files, LicensedFileAccess access, Organizations organizations) {
        this.downloads = downloads;
        this.files = files;
        this.access = access;
        this.organizations = organizations;
    }

    @GetMapping("/organizations/{orgId}/downloads")
    String list(Actor actor, @PathVariable String orgId, Locale locale, Model model) {
        OrganizationId organization = OrganizationId.parse(orgId);
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("products", downloads.of(actor, organization));
        model.addAttribute("organization", organizations.get(actor, organization));
        model.addAttribute("language", locale.getLanguage());
        return "downloads/list";
    }

    @GetMapping("/organizations/{orgId}/downloads/files/{fileId}")
    void download(Actor actor, @PathVariable String orgId, @PathVariable String fileId, HttpServletRequest request,
            HttpServletResponse response) {
        OrganizationId organization = OrganizationId.parse(orgId);
        organizations.requireVisible(actor, organization);
        files.send(actor, organization, id(fileId), access.in(organization), request, response);
    }

    private static UUID id(String text) {
        if (text == null || text.length() != 36) {
            throw new NotFoundException("file");
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("file");
        }
    }
}
