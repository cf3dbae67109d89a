-- A catalogue's files (data packs), stored like release files; downloadable by the organizations
-- that have the catalogue on their account.
create table catalogue_file (
    file_id      uuid primary key references stored_file (id),
    catalogue_id uuid not null references catalogue (id) on delete cascade
);
create index catalogue_file_by_catalogue on catalogue_file (catalogue_id);
