package io.gatehouse.benchmark;

import io.gatehouse.product.ReleaseVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.postgresql.copy.CopyManager;

/**
 * The vendor's products and the customers' licences: 50 products of 30 releases each with their
 * notes and files (the rows only; the bytes are not needed to list them), 200 licences of the large
 * organization in every state a licence can be in, machines activated on its desktop licences, and
 * two desktop licences with unlimited seats for each other organization, whose keys the activation
 * benchmark sends. Licence keys are sealed as the application seals them, under a vault key written
 * where the application looks for it; dates count from today, as the application's clock does.
 */
final class LicensingData {

    static final int PRODUCTS = 50;
    static final int RELEASES_PER_PRODUCT = 30;
    static final int LARGE_ORGANIZATION_LICENCES = 200;
    static final int ACTIVATION_LICENCES_PER_ORGANIZATION = 2;

    /** The application with the catalogue's "Showcase 360" rights: its product is the cloud one. */
    private static final UUID SHOWCASE_APPLICATION = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String[] PRODUCT_WORDS = {
        "Atlas", "Beacon", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbour", "Iris", "Juniper",
    };
    private static final String[] PRODUCT_KINDS = {"Planner", "Studio", "Designer", "Analytics", "Publisher"};
    private static final String[] EDITIONS = {"Standard", "Professional", "Enterprise", "Education"};

    /** What the benchmark needs: the product and release the large file goes to, and keys to activate with. */
    record Licensing(UUID downloadProduct, UUID downloadRelease, String downloadProductName, List<String> activationKeys) {
    }

    private record Product(UUID id, String name, String kind) {
    }

    private final Random random = new Random(20251206L);
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final Instant now = Instant.now();
    private final SecretKeySpec vaultKey;

    LicensingData() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.vaultKey = new SecretKeySpec(secret, "AES");
    }

    Licensing fill(Connection connection, CopyManager copy, UUID largeOrganization, List<UUID> otherOrganizations)
            throws SQLException, IOException {
        // The key LicenceVault seals licence keys with when no gatehouse.licences.secret is set.
        try (PreparedStatement insert = connection.prepareStatement("insert into server_secret (name, secret, created_at) values (?, ?, ?)")) {
            insert.setString(1, "licence-vault");
            insert.setString(2, Base64.getEncoder().encodeToString(vaultKey.getEncoded()));
            insert.setTimestamp(3, Timestamp.from(now));
            insert.executeUpdate();
        }

        List<Product> products = new ArrayList<>();
        UUID downloadRelease = null;
        try (DataGenerator.Batch productRows = new DataGenerator.Batch(copy,
                "product (id, name, description, kind, application_id, created_at, version)");
                DataGenerator.Batch releaseRows = new DataGenerator.Batch(copy,
                        "product_release (id, product_id, version, version_key, channel, released_on, withdrawn, created_at)", productRows);
                DataGenerator.Batch noteRows = new DataGenerator.Batch(copy, "release_note (release_id, language, text)", releaseRows);
                DataGenerator.Batch fileRows = new DataGenerator.Batch(copy,
                        "stored_file (id, name, size_bytes, sha256, content_type, storage_key, stored_at, stored_by)");
                DataGenerator.Batch releaseFileRows = new DataGenerator.Batch(copy, "release_file (file_id, release_id, platform)",
                        releaseRows, fileRows)) {
            for (int p = 0; p < PRODUCTS; p++) {
                // One cloud product tied to the catalogue's Showcase 360, ten of content, the rest desktop software.
                String kind = p == 1 ? "CLOUD" : p >= 40 ? "CONTENT" : "DESKTOP";
                String name = p == 1 ? "Showcase 360" : PRODUCT_WORDS[p % 10] + " " + PRODUCT_KINDS[p / 10]
                        + (kind.equals("CONTENT") ? " Data" : "");
                Product product = new Product(uuid(), name, kind);
                products.add(product);
                productRows.row(product.id(), name, "The " + name + " " + kind.toLowerCase(Locale.ROOT)
                        + " product, with its installers and release notes.", kind, p == 1 ? SHOWCASE_APPLICATION : null,
                        now.minusSeconds(86_400L * 1_300), 1);
                for (int r = 0; r < RELEASES_PER_PRODUCT; r++) {
                    String version = (1 + r / 10) + "." + (r % 10) + "." + (r % 3);
                    String channel = r % 6 == 5 ? "BETA" : "STABLE";
                    boolean withdrawn = r == 12;
                    LocalDate released = today.minusDays(40L * (RELEASES_PER_PRODUCT - r) + random.nextInt(10));
                    UUID release = uuid();
                    if (p == 0 && r == RELEASES_PER_PRODUCT - 2) {
                        downloadRelease = release;
                    }
                    releaseRows.row(release, product.id(), version, ReleaseVersion.of(version).canonical(), channel,
                            released.toString(), withdrawn, now.minusSeconds(86_400L * 40 * (RELEASES_PER_PRODUCT - r)));
                    noteRows.row(release, "en", "Version " + version + " of " + name + ": faster start-up, clearer printing of"
                            + " reports, support for the newest operating systems and eleven corrections reported by customers.");
                    noteRows.row(release, "fr", "Version " + version + " de " + name + " : démarrage plus rapide, impression des"
                            + " rapports plus nette, prise en charge des systèmes les plus récents et onze corrections.");
                    String slug = name.toLowerCase(Locale.ROOT).replace(' ', '-');
                    if (kind.equals("CONTENT")) {
                        file(fileRows, releaseFileRows, release, slug + "-" + version + ".zip", "DATA_PACK", "application/zip");
                    } else {
                        file(fileRows, releaseFileRows, release, slug + "-" + version + "-setup.exe", "WINDOWS",
                                "application/vnd.microsoft.portable-executable");
                        file(fileRows, releaseFileRows, release, slug + "-" + version + "-linux-x64.tar.gz", "LINUX",
                                "application/gzip");
                    }
                }
            }
        }

        List<String> activationKeys = new ArrayList<>();
        List<Product> desktop = products.stream().filter(p -> p.kind().equals("DESKTOP")).toList();
        try (DataGenerator.Batch licences = new DataGenerator.Batch(copy, "licence (id, organization_id, product_id, number, key_hash,"
                + " key_sealed, edition, seats, valid_from, valid_until, suspended, channels, max_version, maintenance_until,"
                + " created_at, version)");
                DataGenerator.Batch activations = new DataGenerator.Batch(copy, "activation (id, licence_id, machine_name, fingerprint,"
                        + " activated_by, activated_at, deactivated_at)", licences)) {
            // The large organization: four licences of each product; most active, some ending soon, some
            // expired, suspended or not yet valid; some limited to a version or a maintenance date.
            for (int i = 0; i < LARGE_ORGANIZATION_LICENCES; i++) {
                Product product = products.get(i % PRODUCTS);
                int state = i < PRODUCTS ? 0 : i % 20;
                LocalDate from = today.minusDays(30 + random.nextInt(900));
                LocalDate until = switch (state) {
                    case 7 -> today.minusDays(1 + random.nextInt(300));
                    case 3, 11 -> today.plusDays(1 + random.nextInt(29));
                    default -> random.nextInt(4) == 0 ? null : today.plusDays(60 + random.nextInt(900));
                };
                if (state == 7) {
                    from = until.minusDays(100 + random.nextInt(600));
                }
                if (state == 17) {
                    from = today.plusDays(1 + random.nextInt(60));
                    until = from.plusDays(365);
                }
                boolean suspended = state == 13;
                Integer seats = product.kind().equals("CLOUD") || i < PRODUCTS || random.nextInt(5) == 0 ? null : 5 + random.nextInt(200);
                String channels = i < PRODUCTS || random.nextInt(3) == 0 ? "STABLE,BETA" : "STABLE";
                String maxVersion = i >= PRODUCTS && random.nextInt(8) == 0 ? "2.5" : null;
                LocalDate maintenance = i >= PRODUCTS && random.nextInt(8) == 0 ? today.minusDays(200 + random.nextInt(300)) : null;
                UUID id = uuid();
                String key = key();
                licences.row(id, largeOrganization, product.id(), number(), sha256Hex(key), seal(key),
                        EDITIONS[random.nextInt(EDITIONS.length)], seats, from.toString(), until == null ? null : until.toString(),
                        suspended, channels, maxVersion, maintenance == null ? null : maintenance.toString(),
                        now.minusSeconds(86_400L * (30 + random.nextInt(900))), 1);
                if (product.kind().equals("DESKTOP")) {
                    int machines = random.nextInt(1 + Math.min(seats == null ? 40 : seats, 40));
                    for (int m = 0; m < machines; m++) {
                        String machine = "RF-" + (1000 + random.nextInt(9000)) + "-" + m;
                        Instant at = now.minusSeconds(60L * random.nextInt(500_000));
                        activations.row(uuid(), id, machine, HexFormat.of().formatHex(bytes(16)), "licence key · 10.20.30."
                                + random.nextInt(255), at, random.nextInt(10) == 0 ? at.plusSeconds(3600) : null);
                    }
                }
            }
            // Every other organization: desktop licences with unlimited seats, which the activation
            // benchmark activates machines on, so that seats are not what it measures.
            for (UUID organization : otherOrganizations) {
                for (int n = 0; n < ACTIVATION_LICENCES_PER_ORGANIZATION; n++) {
                    Product product = desktop.get(random.nextInt(desktop.size()));
                    String key = key();
                    activationKeys.add(key);
                    licences.row(uuid(), organization, product.id(), number(), sha256Hex(key), seal(key), "Professional", null,
                            today.minusDays(30 + random.nextInt(600)).toString(), null, false, "STABLE", null, null,
                            now.minusSeconds(86_400L * (30 + random.nextInt(600))), 1);
                }
            }
        }
        Product first = products.get(0);
        return new Licensing(first.id(), downloadRelease, first.name(), activationKeys);
    }

    private void file(DataGenerator.Batch files, DataGenerator.Batch releaseFiles, UUID release, String name, String platform,
            String contentType) throws IOException, SQLException {
        UUID id = uuid();
        files.row(id, name, 20_000_000L + (long) random.nextInt(900_000_000), HexFormat.of().formatHex(bytes(32)), contentType,
                uuid().toString(), now.minusSeconds(86_400L * random.nextInt(1_000)), null);
        releaseFiles.row(id, release, platform);
    }

    private String key() {
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < 5; g++) {
            groups.add(group(5));
        }
        return String.join("-", groups);
    }

    private final java.util.Set<String> numbers = new java.util.HashSet<>();

    private String number() {
        String number;
        do {
            number = "GH-" + group(4) + "-" + group(4);
        } while (!numbers.add(number));
        return number;
    }

    private String group(int length) {
        StringBuilder group = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            group.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return group.toString();
    }

    /** As LicenceKeys.hash: the key in upper case without spaces, SHA-256, hex. */
    private static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.strip().toUpperCase(Locale.ROOT).replace(" ", "").getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As LicenceVault.seal: AES-GCM, a 12-byte IV before the sealed bytes, Base64. */
    private String seal(String plain) {
        try {
            byte[] iv = bytes(12);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, vaultKey, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] all = Arrays.copyOf(iv, iv.length + sealed.length);
            System.arraycopy(sealed, 0, all, iv.length, sealed.length);
            return Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private UUID uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
