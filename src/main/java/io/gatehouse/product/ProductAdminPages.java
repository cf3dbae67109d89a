package io.gatehouse.product;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Catalog;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.storage.StoredFiles;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import io.gatehouse.shared.Problems;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The vendor admin's products, their releases and files. Files are sent by the page's script as
 * the raw body of an API call (any size, with progress); without a script the form posts them as
 * multipart, within the portal's form upload limit.
 */
@PortalPage
class ProductAdminPages {

    private final Products products;
    private final ProductAdmin admin;
    private final Releases releases;
    private final ReleaseUploads uploads;
    private final Catalog catalog;
    private final AccessPolicy policy;
    private final StoredFiles files;
    private final Problems problems;

    ProductAdminPages(Products products, ProductAdmin admin, Releases releases, ReleaseUploads uploads, Catalog catalog,
            AccessPolicy policy, StoredFiles files, Problems problems) {
        this.products = products;
        this.admin = admin;
        this.releases = releases;
        this.uploads = uploads;
        this.catalog = catalog;
        this.policy = policy;
        this.files = files;
        this.problems = problems;
    }

    record ProductForm(String name, String description, String kind, String applicationId) {

        static ProductForm empty() {
            return new ProductForm("", "", "DESKTOP", "");
        }
    }

    record ReleaseForm(String version, String channel, String releasedOn, Map<String, String> notes) {

        static ReleaseForm empty() {
            return new ReleaseForm("", "STABLE", LocalDate.now().toString(), Map.of());
        }
    }

    record ProductRow(ProductSummary product, String application, int releases) {
    }

    @GetMapping("/admin/products")
    String list(Actor actor, Model model) {
        return listPage(actor, ProductForm.empty(), Map.of(), model);
    }

    @PostMapping("/admin/products")
    String define(Actor actor, ProductForm form, Locale locale, Model model, RedirectAttributes redirect) {
        ProductSummary product;
        try {
            product = admin.define(actor, form.name(), form.description(), kind(form.kind()), applicationId(form.applicationId()));
        } catch (InvalidInputException | ConflictException e) {
            return listPage(actor, form, errors(e, locale), model);
        }
        redirect.addFlashAttribute("flash", "products.admin.created");
        return "redirect:/admin/products/" + product.id();
    }

    @GetMapping("/admin/products/{productId}")
    String product(Actor actor, @PathVariable String productId, Model model) {
        return productPage(actor, id(productId, "product"), null, null, null, Map.of(), model);
    }

    @PostMapping("/admin/products/{productId}")
    String describe(Actor actor, @PathVariable String productId, ProductForm form, Locale locale, Model model,
            RedirectAttributes redirect) {
        UUID product = id(productId, "product");
        try {
            admin.describe(actor, product, form.name(), form.description() == null ? "" : form.description());
        } catch (InvalidInputException | ConflictException e) {
            return productPage(actor, product, "product", form, null, errors(e, locale), model);
        }
        return done(redirect, "products.admin.saved", product, null);
    }

    @PostMapping("/admin/products/{productId}/releases")
    String defineRelease(Actor actor, @PathVariable String productId, @RequestParam(required = false) String version,
            @RequestParam(required = false) String channel, @RequestParam(required = false) String releasedOn,
            @RequestParam Map<String, String> all, Locale locale, Model model, RedirectAttributes redirect) {
        UUID product = id(productId, "product");
        ReleaseForm form = new ReleaseForm(version, channel, releasedOn, notes(all));
        ReleaseView release;
        try {
            policy.manageProducts(actor).orThrow();
            release = releases.define(actor, product, draft(form));
        } catch (InvalidInputException | ConflictException e) {
            return productPage(actor, product, "release", null, form, errors(e, locale), model);
        }
        return done(redirect, "products.admin.releaseCreated", product, release.id());
    }

    @PostMapping("/admin/products/{productId}/releases/{releaseId}/withdrawn")
    String withdraw(Actor actor, @PathVariable String productId, @PathVariable String releaseId,
            @RequestParam(defaultValue = "true") boolean withdrawn, RedirectAttributes redirect) {
        UUID product = id(productId, "product");
        UUID release = id(releaseId, "release");
        releases.withdraw(actor, product, release, withdrawn);
        return done(redirect, withdrawn ? "products.admin.withdrawn" : "products.admin.restored", product, release);
    }

    @PostMapping("/admin/products/{productId}/releases/{releaseId}/notes")
    String changeNotes(Actor actor, @PathVariable String productId, @PathVariable String releaseId, @RequestParam Map<String, String> all,
            Locale locale, Model model, RedirectAttributes redirect) {
        UUID product = id(productId, "product");
        UUID release = id(releaseId, "release");
        try {
            releases.changeNotes(actor, product, release, notes(all));
        } catch (InvalidInputException e) {
            return productPage(actor, product, "notes-" + release, null, null, errors(e, locale), model);
        }
        return done(redirect, "products.admin.saved", product, release);
    }

    /** The form's own upload, without a script: multipart, within the portal's form upload limit. */
    @PostMapping("/admin/products/{productId}/releases/{releaseId}/files")
    String upload(Actor actor, @PathVariable String productId, @PathVariable String releaseId,
            @RequestParam(required = false) String platform, @RequestParam(required = false) MultipartFile file, Locale locale, Model model,
            RedirectAttributes redirect) throws IOException {
        UUID product = id(productId, "product");
        UUID release = id(releaseId, "release");
        try {
            if (file == null || file.isEmpty()) {
                throw InvalidInputException.of("file", "validation.required");
            }
            try (InputStream content = file.getInputStream()) {
                uploads.add(actor, product, release, platform(platform), file.getOriginalFilename(), file.getContentType(), content,
                        file.getSize(), null);
            }
        } catch (InvalidInputException | ConflictException e) {
            return productPage(actor, product, "upload-" + release, null, null, errors(e, locale), model);
        }
        return done(redirect, "products.admin.uploaded", product, release);
    }

    private String listPage(Actor actor, ProductForm form, Map<String, List<String>> errors, Model model) {
        policy.manageProducts(actor).orThrow();
        Map<UUID, String> applications = new LinkedHashMap<>();
        catalog.applications().forEach(a -> applications.put(a.id(), a.name()));
        model.addAttribute("rows", products.all().stream()
                .map(p -> new ProductRow(p, p.applicationId() == null ? null : applications.get(p.applicationId()), releases.of(p.id()).size()))
                .toList());
        model.addAttribute("applications", applications);
        model.addAttribute("kinds", ProductKind.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "admin/products";
    }

    private String productPage(Actor actor, UUID productId, String failedForm, ProductForm productForm, ReleaseForm releaseForm,
            Map<String, List<String>> errors, Model model) {
        policy.manageProducts(actor).orThrow();
        ProductSummary product = products.find(productId).orElseThrow(() -> new NotFoundException("product"));
        model.addAttribute("product", product);
        model.addAttribute("app", product.applicationId() == null ? null : catalog.applications().stream()
                .filter(a -> a.id().equals(product.applicationId())).map(a -> a.name()).findFirst().orElse(null));
        model.addAttribute("releases", releases.of(productId));
        model.addAttribute("productForm", productForm != null ? productForm
                : new ProductForm(product.name(), product.description(), product.kind().name(), ""));
        model.addAttribute("releaseForm", releaseForm != null ? releaseForm : ReleaseForm.empty());
        model.addAttribute("channels", ReleaseChannel.values());
        model.addAttribute("platforms", Platform.values());
        model.addAttribute("languages", List.of("en", "fr", "es", "ja"));
        model.addAttribute("maxFileSize", readable(files.maxFileSize()));
        model.addAttribute("uploadFields", List.of("file", "name", "body", "size"));
        model.addAttribute("noErrors", Map.of());
        model.addAttribute("failedForm", failedForm);
        model.addAttribute("errors", errors);
        return "admin/product";
    }

    /** 20 GB, 512 MB: the limit as people write it. */
    static String readable(long bytes) {
        long gib = 1024L * 1024 * 1024;
        long mib = 1024L * 1024;
        return bytes % gib == 0 ? bytes / gib + " GB" : bytes % mib == 0 ? bytes / mib + " MB" : bytes + " B";
    }

    private static String done(RedirectAttributes redirect, String flash, UUID product, UUID release) {
        redirect.addFlashAttribute("flash", flash);
        redirect.addFlashAttribute("flashRelease", release == null ? "" : release.toString());
        return "redirect:/admin/products/" + product + (release == null ? "" : "#release-" + release);
    }

    /** The release as typed; a date or channel the form could not read is reported with every other field. */
    private static ReleaseDraft draft(ReleaseForm form) {
        List<InvalidInputException.FieldError> unreadable = new ArrayList<>();
        LocalDate releasedOn = null;
        ReleaseChannel channel = null;
        try {
            releasedOn = date(form.releasedOn());
        } catch (InvalidInputException e) {
            unreadable.addAll(e.errors());
        }
        try {
            channel = channel(form.channel());
        } catch (InvalidInputException e) {
            unreadable.addAll(e.errors());
        }
        try {
            ReleaseDraft draft = ReleaseDraft.of(form.version(), channel, releasedOn, form.notes());
            if (unreadable.isEmpty()) {
                return draft;
            }
        } catch (InvalidInputException e) {
            e.errors().stream().filter(error -> unreadable.stream().noneMatch(u -> u.field().equals(error.field())))
                    .forEach(unreadable::add);
        }
        throw new InvalidInputException(unreadable);
    }

    /** The form's notes.en, notes.fr… fields; a blank one is no note. */
    private static Map<String, String> notes(Map<String, String> all) {
        Map<String, String> notes = new LinkedHashMap<>();
        all.forEach((name, value) -> {
            if (name.startsWith("notes.")) {
                notes.put(name.substring(6), value);
            }
        });
        return notes;
    }

    private static ProductKind kind(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ProductKind.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("kind", "validation.invalid");
        }
    }

    private static ReleaseChannel channel(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ReleaseChannel.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("channel", "validation.invalid");
        }
    }

    private static Platform platform(String text) {
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of("platform", "validation.required");
        }
        try {
            return Platform.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("platform", "validation.invalid");
        }
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of("releasedOn", "validation.instant");
        }
    }

    private static UUID applicationId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("applicationId", "products.product.applicationUnknown");
        }
    }

    private static UUID id(String text, String kind) {
        return ProductsController.id(text, kind);
    }

    private Map<String, List<String>> errors(RuntimeException e, Locale locale) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (e instanceof ConflictException conflict) {
            errors.computeIfAbsent(conflict.field(), k -> new ArrayList<>())
                    .add(problems.message(conflict.messageCode(), conflict.arguments().toArray(), locale, conflict.messageCode()));
        } else if (e instanceof InvalidInputException invalid) {
            invalid.errors().forEach(error -> errors.computeIfAbsent(error.field(), k -> new ArrayList<>())
                    .add(problems.message(error.messageCode(), error.arguments().toArray(), locale, error.messageCode())));
        }
        return errors;
    }
}
