-- SCIM 2.0 provisioning: organization-scoped tokens for the organization's own directory
-- (Microsoft Entra ID, Okta…), and what such a directory says about a member beyond the account.

create table scim_token (
    id              uuid primary key,
    organization_id uuid not null references organization (id) on delete cascade,
    name            varchar(100) not null,
    token_hash      varchar(64) not null,
    created_by      uuid not null references user_account (id) on delete cascade,
    created_at      timestamp with time zone not null,
    last_used_at    timestamp with time zone,
    revoked_at      timestamp with time zone,
    constraint scim_token_hash_unique unique (token_hash)
);
create index scim_token_organization on scim_token (organization_id, created_at);

-- One row per member the directory has touched; a member without one has no external id,
-- department or manager. version counts the directory's own changes (the ETag adds the
-- membership's and the account's versions, so a change made in the portal shows too).
create table scim_user (
    organization_id uuid not null references organization (id) on delete cascade,
    user_id         uuid not null references user_account (id) on delete cascade,
    external_id     varchar(254),
    department      varchar(200),
    manager_id      varchar(254),
    last_modified   timestamp with time zone not null,
    version         bigint not null default 0,
    constraint scim_user_pk primary key (organization_id, user_id)
);
create index scim_user_external on scim_user (organization_id, external_id);

-- A directory pages through all members in creation order: read it from an index, not a sort.
create index membership_org_created on membership (organization_id, created_at, user_id);
