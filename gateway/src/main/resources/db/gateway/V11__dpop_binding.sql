-- A session bound to a DPoP key (RFC 9449): the JWK SHA-256 thumbprint (RFC 7638) of the key whose proof came
-- with the login. Every refresh of the family needs a proof by that key, and its access tokens carry it as
-- cnf.jkt. Null for a session of bearer tokens.
alter table refresh_family add column dpop_jkt text;
