-- Content catalogues (a supplier's product ranges, as data packs), offered per region and language.
create table catalogue (
    id           uuid primary key,
    name         varchar(200) not null,
    supplier     varchar(200) not null,
    description  varchar(2000) not null default '',
    version      varchar(32) not null,
    published_on date not null,
    created_at   timestamp with time zone not null,
    row_version  bigint not null default 0,
    constraint catalogue_name_supplier_unique unique (name, supplier)
);

create table catalogue_region (
    catalogue_id uuid not null references catalogue (id) on delete cascade,
    region       varchar(16) not null,
    primary key (catalogue_id, region)
);

create table catalogue_language (
    catalogue_id uuid not null references catalogue (id) on delete cascade,
    language     varchar(8) not null,
    primary key (catalogue_id, language)
);

-- The catalogues on an organization's account: added by vendor staff directly, or by approving a request.
create table organization_catalogue (
    organization_id uuid not null references organization (id) on delete cascade,
    catalogue_id    uuid not null references catalogue (id) on delete cascade,
    added_at        timestamp with time zone not null,
    primary key (organization_id, catalogue_id)
);
create index organization_catalogue_by_catalogue on organization_catalogue (catalogue_id);
