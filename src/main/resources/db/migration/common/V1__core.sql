-- Core model: organizations, sites, accounts, memberships, rights, audit, tokens, sessions.

create table organization (
    id              uuid primary key,
    name            varchar(200) not null,
    name_key        varchar(200) not null,
    region          varchar(8)   not null,
    management_mode varchar(20)  not null,
    created_at      timestamp with time zone not null,
    version         bigint not null default 0,
    constraint organization_name_unique unique (name_key)
);

create table site (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    name            varchar(200) not null,
    name_key        varchar(200) not null,
    created_at      timestamp with time zone not null,
    version         bigint not null default 0,
    constraint site_name_unique unique (organization_id, name_key)
);

create table user_account (
    id              uuid primary key,
    first_name      varchar(100) not null,
    last_name       varchar(100) not null,
    email           varchar(254) not null,
    email_key       varchar(254) not null,
    login           varchar(254) not null,
    login_key       varchar(254) not null,
    position        varchar(200),
    password_hash   varchar(255) not null,
    status          varchar(16)  not null,
    language        varchar(8)   not null,
    date_format     varchar(16)  not null,
    time_zone       varchar(64)  not null,
    created_at      timestamp with time zone not null,
    last_sign_in_at timestamp with time zone,
    version         bigint not null default 0,
    constraint user_account_email_unique unique (email_key),
    constraint user_account_login_unique unique (login_key)
);

create table staff_member (
    user_id    uuid primary key references user_account (id) on delete cascade,
    role       varchar(20) not null,
    created_at timestamp with time zone not null
);

create table application (
    id                 uuid primary key,
    name               varchar(100) not null,
    managed_externally boolean not null,
    position           int not null,
    constraint application_name_unique unique (name)
);

create table access_right (
    id             uuid primary key,
    application_id uuid not null references application (id),
    name           varchar(100) not null,
    position       int not null,
    constraint access_right_name_unique unique (name)
);

-- One row per person and organization. The *_key columns copy the account's searchable
-- fields (lower case) so a member search never has to join the whole account table.
create table membership (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    user_id         uuid not null references user_account (id) on delete cascade,
    role            varchar(16) not null,
    status          varchar(16) not null,
    first_name_key  varchar(100) not null,
    last_name_key   varchar(100) not null,
    email_key       varchar(254) not null,
    login_key       varchar(254) not null,
    created_at      timestamp with time zone not null,
    version         bigint not null default 0,
    constraint membership_unique unique (organization_id, user_id)
);
create index membership_user on membership (user_id);

create table membership_right (
    membership_id uuid not null references membership (id) on delete cascade,
    right_id      uuid not null references access_right (id),
    primary key (membership_id, right_id)
);
create index membership_right_right on membership_right (right_id);

create table site_access (
    membership_id uuid not null references membership (id) on delete cascade,
    site_id       uuid not null references site (id) on delete cascade,
    primary key (membership_id, site_id)
);
create index site_access_site on site_access (site_id);

create table api_token (
    id           uuid primary key,
    user_id      uuid not null references user_account (id) on delete cascade,
    name         varchar(100) not null,
    token_hash   varchar(64) not null,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone,
    last_used_at timestamp with time zone,
    constraint api_token_hash_unique unique (token_hash)
);
create index api_token_user on api_token (user_id);

create table audit_entry (
    id              uuid primary key,
    occurred_at     timestamp with time zone not null,
    actor_id        uuid,
    actor_label     varchar(300) not null,
    organization_id uuid,
    action          varchar(64) not null,
    target_type     varchar(32) not null,
    target_id       varchar(64),
    before_state    text,
    after_state     text,
    client_address  varchar(64)
);
create index audit_entry_organization on audit_entry (organization_id, occurred_at);
create index audit_entry_actor on audit_entry (actor_id, occurred_at);

create table spring_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint not null,
    last_access_time      bigint not null,
    max_inactive_interval int not null,
    expiry_time           bigint not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36) not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);

-- The vendor's catalogue as the help-centre articles describe it.
insert into application (id, name, managed_externally, position) values
    ('00000000-0000-0000-0000-00000000a001', 'Showcase 360', false, 1),
    ('00000000-0000-0000-0000-00000000a002', 'Customer Portal', false, 2),
    ('00000000-0000-0000-0000-00000000a003', 'Contacts', true, 3);
insert into access_right (id, application_id, name, position) values
    ('00000000-0000-0000-0000-00000000b001', '00000000-0000-0000-0000-00000000a001', 'Showcase 360 Administrator', 1),
    ('00000000-0000-0000-0000-00000000b002', '00000000-0000-0000-0000-00000000a002', 'User Management', 1),
    ('00000000-0000-0000-0000-00000000b003', '00000000-0000-0000-0000-00000000a002', 'Licenses', 2),
    ('00000000-0000-0000-0000-00000000b004', '00000000-0000-0000-0000-00000000a003', 'Contacts Viewer', 1),
    ('00000000-0000-0000-0000-00000000b005', '00000000-0000-0000-0000-00000000a003', 'Contacts Editor', 2);
