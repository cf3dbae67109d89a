-- A signing key signs with one algorithm, and one key per algorithm signs at a time: RS256, every
-- application's default, and ES256, which an application may choose instead (its signature costs
-- a fraction of an RSA one). The keys made before this column are RSA keys.
alter table oidc_signing_key add column algorithm varchar(10) default 'RS256' not null;
