-- Keys move next -> active -> retired. A "next" key is published before it signs, so verifiers that cache
-- the JWK set already know it when it becomes active; a retired key stays published until every token it
-- signed has expired.
alter table signing_key add column activated_at timestamptz;
alter table signing_key add column retired_at timestamptz;
update signing_key set activated_at = created_at where state = 'active';
create unique index signing_key_one_next on signing_key (state) where state = 'next';
