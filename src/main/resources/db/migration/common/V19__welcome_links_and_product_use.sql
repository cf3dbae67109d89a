-- The welcome page's support links per language, edited by the vendor admin in the portal: one
-- support centre and the top articles, in order. A language without rows keeps the links of the
-- gatehouse.welcome settings.
create table welcome_link (
    id          uuid primary key,
    language    varchar(2) not null,
    kind        varchar(16) not null,
    title       varchar(200) not null,
    url         varchar(2000) not null,
    position    int not null,
    constraint welcome_link_kind_known check (kind in ('SUPPORT_CENTRE', 'ARTICLE')),
    constraint welcome_link_language_known check (language in ('en', 'fr', 'es', 'ja')),
    constraint welcome_link_position_unique unique (language, kind, position)
);

-- The version of the organization's products each person last downloaded or activated, for the
-- "Version used" column of Export users: one row per person and organization, overwritten at each use.
create table product_use (
    organization_id uuid not null references organization (id) on delete cascade,
    user_id         uuid not null references user_account (id) on delete cascade,
    product_id      uuid not null references product (id) on delete cascade,
    product_name    varchar(100) not null,
    version         varchar(32),
    used_at         timestamp with time zone not null,
    primary key (organization_id, user_id)
);
