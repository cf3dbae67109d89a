package io.gatehouse.catalogue;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.member.ApprovalRequests.Receipt;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PortalPage;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Catalogue selection: what is on the account, what may be requested, and the request itself. */
@PortalPage
class CataloguePages {

    private final Catalogues catalogues;
    private final CatalogueFiles files;
    private final CatalogueRequests requests;
    private final Organizations organizations;
    private final AccessPolicy policy;
    private final MessageSource messages;

    CataloguePages(Catalogues catalogues, CatalogueFiles files, CatalogueRequests requests, Organizations organizations,
            AccessPolicy policy, MessageSource messages) {
        this.catalogues = catalogues;
        this.files = files;
        this.requests = requests;
        this.organizations = organizations;
        this.policy = policy;
        this.messages = messages;
    }

    record RequestForm(String note) {
    }

    @GetMapping("/organizations/{orgId}/catalogues")
    String selection(Actor actor, @PathVariable String orgId, @RequestParam(required = false) String q,
            @RequestParam(required = false) String supplier, @RequestParam(required = false) String language,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Locale locale, Model model) {
        OrganizationId organization = OrganizationId.parse(orgId);
        Catalogues.Filter filter = new Catalogues.Filter(q, supplier, language);
        List<OfferedCatalogue> all = catalogues.selection(actor, organization, Catalogues.Filter.NONE);
        List<OfferedCatalogue> shown = catalogues.selection(actor, organization, filter);
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("organization", organizations.get(actor, organization));
        model.addAttribute("catalogues", shown);
        model.addAttribute("files", files.of(shown.stream().filter(OfferedCatalogue::onAccount).map(o -> o.catalogue().id()).toList()));
        model.addAttribute("anyOffered", !all.isEmpty());
        model.addAttribute("suppliers", all.stream().map(o -> o.catalogue().supplier()).distinct()
                .sorted(String.CASE_INSENSITIVE_ORDER).toList());
        model.addAttribute("languageNames", all.stream().flatMap(o -> o.catalogue().languages().stream()).distinct()
                .collect(java.util.stream.Collectors.toMap(code -> code, code -> languageName(code, locale))));
        model.addAttribute("languages", all.stream().flatMap(o -> o.catalogue().languages().stream()).distinct()
                .sorted().map(code -> new LanguageChoice(code, languageName(code, locale))).toList());
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("supplier", supplier == null ? "" : supplier.strip());
        model.addAttribute("language", language == null ? "" : language.strip());
        model.addAttribute("mayRequest", policy.requestCatalogue(actor, organization).allowed());
        return "true".equals(htmx) ? "catalogues/selection :: results" : "catalogues/selection";
    }

    /** A language code as a person reads it, in their own language ("fr" → "français"). */
    record LanguageChoice(String code, String name) {
    }

    static String languageName(String code, Locale locale) {
        String name = Locale.forLanguageTag(code).getDisplayLanguage(locale);
        return name.isBlank() || name.equals(code) ? code : name;
    }

    @GetMapping("/organizations/{orgId}/catalogues/{catalogueId}/files/{fileId}")
    void download(Actor actor, @PathVariable String orgId, @PathVariable String catalogueId, @PathVariable String fileId,
            jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        files.send(actor, OrganizationId.parse(orgId), catalogueId, fileId, request, response);
    }

    @GetMapping("/organizations/{orgId}/catalogues/{catalogueId}/request")
    String requestForm(Actor actor, @PathVariable String orgId, @PathVariable String catalogueId, Model model) {
        OrganizationId organization = OrganizationId.parse(orgId);
        OfferedCatalogue offered = catalogues.offered(actor, organization, catalogueId);
        policy.requestCatalogue(actor, organization).orThrow();
        return form(organization, offered, new RequestForm(""), null, actor, model);
    }

    @PostMapping("/organizations/{orgId}/catalogues/{catalogueId}/request")
    String request(Actor actor, @PathVariable String orgId, @PathVariable String catalogueId, RequestForm form, Locale locale,
            Model model, RedirectAttributes redirect) {
        OrganizationId organization = OrganizationId.parse(orgId);
        OfferedCatalogue offered = catalogues.offered(actor, organization, catalogueId);
        Receipt receipt;
        try {
            receipt = requests.request(actor, organization, catalogueId, form.note());
        } catch (InvalidInputException e) {
            InvalidInputException.FieldError error = e.errors().get(0);
            return form(organization, offered, form, messages.getMessage(error.messageCode(), error.arguments().toArray(), locale),
                    actor, model);
        } catch (ConflictException e) {
            return form(organization, offered, form, messages.getMessage(e.messageCode(), e.arguments().toArray(), locale), actor,
                    model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("catalogues.request.sent",
                new Object[] {offered.catalogue().name(), receipt.number()}, locale));
        return "redirect:/organizations/" + organization + "/catalogues";
    }

    private String form(OrganizationId organization, OfferedCatalogue offered, RequestForm form, String error, Actor actor, Model model) {
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("organization", organizations.get(actor, organization));
        model.addAttribute("offered", offered);
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        return "catalogues/request";
    }
}
