-- Files kept outside the database (on disk or in object storage, under storage_key): what each one
-- is called, how large it is and its SHA-256, which the download shows and its ETag is made of.
create table stored_file (
    id           uuid primary key,
    name         varchar(255) not null,
    size_bytes   bigint not null,
    sha256       char(64) not null,
    content_type varchar(100) not null,
    storage_key  varchar(64) not null,
    stored_at    timestamp with time zone not null,
    stored_by    uuid,
    constraint stored_file_key_unique unique (storage_key),
    constraint stored_file_size_positive check (size_bytes > 0)
);

-- A product's releases. version_key is the version with its numbers written out in full and its
-- build metadata dropped, so 2.0 and 2.0.0 are one release; ordering is ReleaseVersion's, in Java.
-- A withdrawn release is hidden from downloads and kept for the audit trail.
create table product_release (
    id          uuid primary key,
    product_id  uuid not null references product (id),
    version     varchar(32) not null,
    version_key varchar(80) not null,
    channel     varchar(8) not null,
    released_on date not null,
    withdrawn   boolean not null default false,
    created_at  timestamp with time zone not null,
    constraint product_release_version_unique unique (product_id, version_key),
    constraint product_release_channel_known check (channel in ('STABLE', 'BETA'))
);

-- Release notes, one text per language of the portal.
create table release_note (
    release_id uuid not null references product_release (id),
    language   varchar(2) not null,
    text       varchar(10000) not null,
    primary key (release_id, language),
    constraint release_note_language_known check (language in ('en', 'fr', 'es', 'ja'))
);

-- The files of a release, each for one platform.
create table release_file (
    file_id    uuid primary key references stored_file (id),
    release_id uuid not null references product_release (id),
    platform   varchar(16) not null,
    constraint release_file_platform_known check (platform in ('WINDOWS', 'MACOS', 'LINUX', 'ISO', 'DATA_PACK'))
);
create index release_file_release on release_file (release_id);
