package io.gatehouse.catalogue;

import io.gatehouse.access.Actor;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.PortalPage;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The vendor admin's catalogues: define them, say where they are offered and in which languages. */
@PortalPage
class CatalogueAdminPages {

    private final Catalogues catalogues;
    private final CatalogueFiles files;
    private final io.gatehouse.storage.StoredFiles storage;
    private final Organizations organizations;
    private final MessageSource messages;

    CatalogueAdminPages(Catalogues catalogues, CatalogueFiles files, io.gatehouse.storage.StoredFiles storage, Organizations organizations,
            MessageSource messages) {
        this.catalogues = catalogues;
        this.files = files;
        this.storage = storage;
        this.organizations = organizations;
        this.messages = messages;
    }

    /** The form as typed; languages as one line ("en, fr"), the date as the browser's date field sends it. */
    record CatalogueForm(String name, String supplier, String description, String version, String publishedOn, List<String> regions,
            String languages) {

        static CatalogueForm of(CatalogueView catalogue) {
            return new CatalogueForm(catalogue.name(), catalogue.supplier(), catalogue.description(), catalogue.version(),
                    catalogue.publishedOn().toString(), catalogue.regions(), String.join(", ", catalogue.languages()));
        }

        static CatalogueForm empty() {
            return new CatalogueForm("", "", "", "", "", List.of(), "");
        }

        List<String> languageList() {
            return languages == null || languages.isBlank() ? List.of()
                    : Arrays.stream(languages.split("[,\\s]+")).filter(code -> !code.isBlank()).toList();
        }
    }

    @GetMapping("/admin/catalogues")
    String list(Actor actor, Model model) {
        return page(actor, CatalogueForm.empty(), Map.of(), model);
    }

    @PostMapping("/admin/catalogues")
    String define(Actor actor, CatalogueForm form, Locale locale, Model model, RedirectAttributes redirect) {
        try {
            CatalogueView saved = catalogues.define(actor, form.name(), form.supplier(), form.description(), form.version(),
                    date(form), form.regions(), form.languageList());
            redirect.addFlashAttribute("flash", messages.getMessage("catalogues.admin.saved", new Object[] {saved.name()}, locale));
            return "redirect:/admin/catalogues/" + saved.id();
        } catch (InvalidInputException | ConflictException e) {
            return page(actor, form, errors(e, locale), model);
        }
    }

    @GetMapping("/admin/catalogues/{catalogueId}")
    String edit(Actor actor, @PathVariable String catalogueId, Model model) {
        CatalogueView catalogue = catalogues.get(actor, catalogueId);
        catalogues.all(actor);
        return editPage(catalogue, CatalogueForm.of(catalogue), Map.of(), model);
    }

    @PostMapping("/admin/catalogues/{catalogueId}")
    String change(Actor actor, @PathVariable String catalogueId, CatalogueForm form, Locale locale, Model model,
            RedirectAttributes redirect) {
        CatalogueView catalogue = catalogues.get(actor, catalogueId);
        try {
            CatalogueView saved = catalogues.change(actor, catalogueId, form.name(), form.supplier(),
                    form.description() == null ? "" : form.description(), form.version(), date(form),
                    form.regions() == null ? List.of() : form.regions(), form.languageList());
            redirect.addFlashAttribute("flash", messages.getMessage("catalogues.admin.saved", new Object[] {saved.name()}, locale));
            return "redirect:/admin/catalogues/" + saved.id();
        } catch (InvalidInputException | ConflictException e) {
            return editPage(catalogue, form, errors(e, locale), model);
        }
    }

    private String page(Actor actor, CatalogueForm form, Map<String, List<String>> errors, Model model) {
        model.addAttribute("catalogues", catalogues.all(actor));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("regions", organizations.regions());
        return "catalogues/admin";
    }

    /** The form's own upload, without a script: multipart, within the portal's form upload limit. */
    @PostMapping("/admin/catalogues/{catalogueId}/files")
    String upload(Actor actor, @PathVariable String catalogueId,
            @org.springframework.web.bind.annotation.RequestParam(required = false) org.springframework.web.multipart.MultipartFile file,
            Locale locale, Model model, RedirectAttributes redirect) throws java.io.IOException {
        CatalogueView catalogue = catalogues.get(actor, catalogueId);
        try {
            if (file == null || file.isEmpty()) {
                throw InvalidInputException.of("file", "validation.required");
            }
            try (java.io.InputStream content = file.getInputStream()) {
                files.add(actor, catalogueId, file.getOriginalFilename(), file.getContentType(), content, file.getSize(), null);
            }
        } catch (InvalidInputException | ConflictException e) {
            return editPage(catalogue, CatalogueForm.of(catalogue), errors(e, locale), model);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("catalogues.admin.saved", new Object[] {catalogue.name()}, locale));
        return "redirect:/admin/catalogues/" + catalogue.id();
    }

    private String editPage(CatalogueView catalogue, CatalogueForm form, Map<String, List<String>> errors, Model model) {
        model.addAttribute("catalogueFiles", files.of(List.of(catalogue.id())).getOrDefault(catalogue.id(), List.of()));
        model.addAttribute("maxFileSize", storage.maxFileSize());
        model.addAttribute("catalogue", catalogue);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("regions", organizations.regions());
        return "catalogues/admin-edit";
    }

    /**
     * The publication date as typed. An unreadable one is the field's error, reported with every other
     * field's (checked here without saving anything), so the person corrects them all at once.
     */
    private LocalDate date(CatalogueForm form) {
        String text = form.publishedOn();
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            if (date.getYear() >= 1 && date.getYear() <= 9999) {
                return date;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        errors.add(new InvalidInputException.FieldError("publishedOn", "validation.catalogue.date"));
        try {
            CatalogueDetails.read(form.name(), form.supplier(), form.description(), form.version(), null, form.regions(),
                    form.languageList(), organizations.regions(), LocalDate.EPOCH);
        } catch (InvalidInputException others) {
            errors.addAll(others.errors());
        }
        throw new InvalidInputException(errors);
    }

    private Map<String, List<String>> errors(RuntimeException e, Locale locale) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (e instanceof ConflictException conflict) {
            errors.computeIfAbsent(conflict.field(), k -> new ArrayList<>())
                    .add(messages.getMessage(conflict.messageCode(), conflict.arguments().toArray(), locale));
        } else if (e instanceof InvalidInputException invalid) {
            invalid.errors().forEach(error -> errors.computeIfAbsent(error.field(), k -> new ArrayList<>())
                    .add(messages.getMessage(error.messageCode(), error.arguments().toArray(), locale)));
        }
        return errors;
    }
}
