-- An account's authenticator app (TOTP, RFC 6238): its secret sealed, pending until a code
-- confirms it. The last time step a code was accepted at: no code of that step or an earlier one
-- is accepted again, so each code is used once.
create table authenticator_app (
    user_id        uuid primary key references user_account (id) on delete cascade,
    secret_sealed  varchar(200) not null,
    confirmed      boolean not null,
    last_used_step bigint not null,
    created_at     timestamp with time zone not null,
    confirmed_at   timestamp with time zone
);

-- Recovery codes, kept as their SHA-256 only: one row per unused code; using one deletes it.
create table recovery_code (
    user_id     uuid not null references user_account (id) on delete cascade,
    code_digest varchar(64) not null,
    created_at  timestamp with time zone not null,
    primary key (user_id, code_digest)
);

-- An organization's rule: everyone in it, or only its administrators (Managers and holders of
-- User Management), must sign in with a second factor. No row: no rule.
create table organization_second_factor_rule (
    organization_id uuid primary key references organization (id) on delete cascade,
    applies_to      varchar(16) not null,
    changed_at      timestamp with time zone not null,
    constraint organization_second_factor_rule_applies_to check (applies_to in ('EVERYONE', 'ADMINISTRATORS'))
);

-- The vendor's rule for its own staff: one row when every vendor staff member must hold a second factor.
create table staff_second_factor_rule (
    scope      varchar(8) primary key,
    changed_at timestamp with time zone not null,
    constraint staff_second_factor_rule_scope check (scope = 'STAFF')
);
