-- Gatehouse as the OpenID Connect provider of the vendor's applications.
-- The three oauth2_* tables are those Spring Security's authorization server reads and writes
-- (JdbcRegisteredClientRepository, JdbcOAuth2AuthorizationService), with two differences: token
-- values are kept as SHA-256 digests, never as the tokens themselves, so that they fit an indexed
-- varchar; and the JSON columns are wide varchars, which both H2 and PostgreSQL read as text.

create table oauth2_registered_client (
    id                            varchar(100) primary key,
    client_id                     varchar(100) not null,
    client_id_issued_at           timestamp with time zone default current_timestamp not null,
    client_secret                 varchar(200),
    client_secret_expires_at      timestamp with time zone,
    client_name                   varchar(200) not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types     varchar(1000) not null,
    redirect_uris                 varchar(10000),
    post_logout_redirect_uris     varchar(10000),
    scopes                        varchar(1000) not null,
    client_settings               varchar(4000) not null,
    token_settings                varchar(4000) not null,
    constraint oauth2_client_id_unique unique (client_id)
);

create table oauth2_authorization (
    id                            varchar(100) primary key,
    registered_client_id          varchar(100) not null,
    principal_name                varchar(200) not null,
    authorization_grant_type      varchar(100) not null,
    authorized_scopes             varchar(1000),
    attributes                    varchar(65535),
    state                         varchar(500),
    authorization_code_value      varchar(100),
    authorization_code_issued_at  timestamp with time zone,
    authorization_code_expires_at timestamp with time zone,
    authorization_code_metadata   varchar(65535),
    access_token_value            varchar(100),
    access_token_issued_at        timestamp with time zone,
    access_token_expires_at       timestamp with time zone,
    access_token_metadata         varchar(65535),
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           varchar(100),
    oidc_id_token_issued_at       timestamp with time zone,
    oidc_id_token_expires_at      timestamp with time zone,
    oidc_id_token_metadata        varchar(65535),
    refresh_token_value           varchar(100),
    refresh_token_issued_at       timestamp with time zone,
    refresh_token_expires_at      timestamp with time zone,
    refresh_token_metadata        varchar(65535),
    user_code_value               varchar(100),
    user_code_issued_at           timestamp with time zone,
    user_code_expires_at          timestamp with time zone,
    user_code_metadata            varchar(65535),
    device_code_value             varchar(100),
    device_code_issued_at         timestamp with time zone,
    device_code_expires_at        timestamp with time zone,
    device_code_metadata          varchar(65535),
    -- Gatehouse's own: the organization the person chose for this application, when the
    -- authorization stops being useful (its longest-lived token), for the sweep, and the issuer.
    organization_id               uuid,
    expires_at                    timestamp with time zone,
    -- The issuer the application knows Gatehouse by, as it was at the sign-in: what a back-channel
    -- logout token must name.
    issuer                        varchar(1000)
);
create index oauth2_authorization_state on oauth2_authorization (state);
create index oauth2_authorization_code on oauth2_authorization (authorization_code_value);
create index oauth2_authorization_access on oauth2_authorization (access_token_value);
create index oauth2_authorization_id_token on oauth2_authorization (oidc_id_token_value);
create index oauth2_authorization_refresh on oauth2_authorization (refresh_token_value);
create index oauth2_authorization_principal on oauth2_authorization (principal_name, registered_client_id);

create table oauth2_authorization_consent (
    registered_client_id varchar(100) not null,
    principal_name       varchar(200) not null,
    authorities          varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);

-- A refresh token already exchanged: presented again, it reveals a stolen copy, and the whole
-- authorization it came from is revoked.
create table oauth2_spent_refresh_token (
    token_digest     varchar(100) primary key,
    authorization_id varchar(100) not null,
    spent_at         timestamp with time zone not null
);
create index oauth2_spent_refresh_authorization on oauth2_spent_refresh_token (authorization_id);

-- What Gatehouse keeps of each application's client beyond the authorization server's own record.
create table oidc_client (
    application_id        uuid primary key references application (id) on delete cascade,
    backchannel_logout_uri varchar(2000),
    created_at            timestamp with time zone not null,
    secret_rotated_at     timestamp with time zone
);

-- Signing keys of ID and access tokens, shared by every node. The private half is sealed with
-- AES-GCM; a retired key is still published until the tokens it signed have expired.
create table oidc_signing_key (
    kid          varchar(64) primary key,
    private_jwk  varchar(8000) not null,
    public_jwk   varchar(4000) not null,
    created_at   timestamp with time zone not null,
    retired_at   timestamp with time zone,
    published_until timestamp with time zone
);

-- The organization a person last chose for an application, offered first next time.
create table oidc_organization_choice (
    user_id         uuid not null references user_account (id) on delete cascade,
    application_id  uuid not null references application (id) on delete cascade,
    organization_id uuid not null references organization (id) on delete cascade,
    chosen_at       timestamp with time zone not null,
    primary key (user_id, application_id)
);
