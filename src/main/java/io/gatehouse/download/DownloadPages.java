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
import org.springframework.web.bind.annotation.RequestHeader;

/** Products download: the newest entitled release of each product with its files, and every version of a product on demand. */
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
        model.addAttribute("products", downloads.latest(actor, organization));
        model.addAttribute("organization", organizations.get(actor, organization));
        model.addAttribute("language", locale.getLanguage());
        return "downloads/list";
    }

    /**
     * Every version of one product: a page of its own, which "Previous versions" links to; asked by
     * htmx when "Previous versions" opens, only the older releases, put in place there.
     */
    @GetMapping("/organizations/{orgId}/downloads/products/{productId}")
    String product(Actor actor, @PathVariable String orgId, @PathVariable String productId,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore, Locale locale, Model model,
            HttpServletResponse response) {
        OrganizationId organization = OrganizationId.parse(orgId);
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("product", downloads.product(actor, organization, id(productId, "product")));
        model.addAttribute("language", locale.getLanguage());
        response.addHeader("Vary", "HX-Request");
        if ("true".equals(htmx) && restore == null) {
            return "downloads/product :: previous";
        }
        model.addAttribute("organization", organizations.get(actor, organization));
        return "downloads/product";
    }

    @GetMapping("/organizations/{orgId}/downloads/files/{fileId}")
    void download(Actor actor, @PathVariable String orgId, @PathVariable String fileId, HttpServletRequest request,
            HttpServletResponse response) {
        OrganizationId organization = OrganizationId.parse(orgId);
        organizations.requireVisible(actor, organization);
        files.send(actor, organization, id(fileId, "file"), access.in(organization), request, response);
    }

    private static UUID id(String text, String what) {
        if (text == null || text.length() != 36) {
            throw new NotFoundException(what);
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(what);
        }
    }
}
