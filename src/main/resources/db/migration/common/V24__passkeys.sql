-- Passkeys (WebAuthn), in the tables Spring Security's JDBC repositories read and write.
-- user_entities: one WebAuthn user handle per account; name is the account's id.
-- user_credentials: one row per passkey; its ids are base64url text, keys and attestations bytes.
-- bytea is binary on PostgreSQL and an alias of binary varying on H2.

create table user_entities (
    id           varchar(1000) not null,
    name         varchar(100)  not null,
    display_name varchar(200),
    constraint user_entities_pk primary key (id),
    constraint user_entities_name_unique unique (name)
);

create table user_credentials (
    credential_id                varchar(1000) not null,
    user_entity_user_id          varchar(1000) not null,
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) not null,
    constraint user_credentials_pk primary key (credential_id),
    constraint user_credentials_user_entity foreign key (user_entity_user_id)
        references user_entities (id) on delete cascade
);
create index user_credentials_user on user_credentials (user_entity_user_id);
