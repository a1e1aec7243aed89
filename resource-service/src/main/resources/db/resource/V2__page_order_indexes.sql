-- Pages are ordered by (created_at desc, id) by default, the id breaking ties. With the id in the index a
-- page is read straight off it (limit rows, no sort of everything the owner has); the total is counted from
-- the same index. The soak showed reads slowing down as an owner's items grew without it (BENCHMARKS.md).
create index item_owner_created_id on item (owner, created_at desc, id);
drop index item_owner_created;
create index item_public_created_id on item (created_at desc, id) where visibility = 'public';
drop index item_public_created;
