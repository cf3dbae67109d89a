package io.gatehouse.organization;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

@Table("organization")
class Organization {

    @Id
    private UUID id;

    private String name;

    private String nameKey;

    private String region;

    private ManagementMode managementMode;

    private Instant createdAt;

    /** The language of mail to people of this organization who have not chosen one yet. */
    private String defaultLanguage = "en";

    @Version
    private long version;

    protected Organization() {
    }

    Organization(String name, String region, ManagementMode managementMode, Instant now) {
        this.id = UUID.randomUUID();
        this.createdAt = now;
        rename(name);
        moveTo(region);
        manage(managementMode);
    }

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    void rename(String newName) {
        this.name = newName.strip();
        this.nameKey = key(newName);
    }

    void moveTo(String newRegion) {
        this.region = newRegion;
    }

    void speak(String languageCode) {
        this.defaultLanguage = languageCode;
    }

    void manage(ManagementMode mode) {
        this.managementMode = mode;
    }

    Map<String, Object> snapshot() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", name);
        state.put("region", region);
        state.put("managementMode", managementMode.name());
        state.put("defaultLanguage", defaultLanguage);
        return state;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String defaultLanguage() {
        return defaultLanguage;
    }

    String region() {
        return region;
    }

    ManagementMode managementMode() {
        return managementMode;
    }

    Instant createdAt() {
        return createdAt;
    }
}
