-- Licences: what an organization bought of a product, with seats and dates; machine activations of
-- desktop software; counts of activation attempts shared by every node; the key that signs licence files.

create table licence (
    id                uuid primary key,
    organization_id   uuid not null references organization (id) on delete cascade,
    product_id        uuid not null references product (id),
    number            varchar(12) not null,
    -- The secret key the vendor's software sends: its SHA-256 to find it, and a copy sealed with
    -- AES-GCM (see LicenceKeys) so the organization's Managers can read it again.
    key_hash          varchar(64) not null,
    key_sealed        varchar(200) not null,
    edition           varchar(100) not null,
    seats             int,
    valid_from        date not null,
    valid_until       date,
    suspended         boolean not null default false,
    channels          varchar(20) not null,
    max_version       varchar(32),
    maintenance_until date,
    created_at        timestamp with time zone not null,
    version           bigint not null default 0,
    constraint licence_number_unique unique (number),
    constraint licence_key_unique unique (key_hash),
    constraint licence_seats_range check (seats is null or (seats >= 0 and seats <= 1000000)),
    constraint licence_dates check (valid_until is null or valid_until >= valid_from)
);
create index licence_organization on licence (organization_id, product_id);

create table activation (
    id             uuid primary key,
    licence_id     uuid not null references licence (id) on delete cascade,
    machine_name   varchar(200) not null,
    fingerprint    varchar(200) not null,
    activated_by   varchar(300) not null,
    activated_at   timestamp with time zone not null,
    deactivated_at timestamp with time zone
);
create index activation_licence on activation (licence_id, deactivated_at);

-- Failed activation attempts per client address, in the database so every node counts the same.
create table activation_attempt (
    counter_key       varchar(64) primary key,
    failures          int not null,
    window_started_at timestamp with time zone not null,
    constraint activation_attempt_failures check (failures >= 0)
);

-- The Ed25519 key pair that signs licence files; the private half sealed like licence keys.
create table licence_signing_key (
    id                  varchar(40) primary key,
    public_key          varchar(100) not null,
    private_key_sealed  varchar(300) not null,
    created_at          timestamp with time zone not null
);
