-- Our transcription of ept/hermitage, postgres.md: read committed does
-- not prevent PMP for write predicates (the example of the PostgreSQL
-- manual).
-- anomaly: PMP
-- level: rc
-- prevented: no
begin; set transaction isolation level read committed; -- T1
begin; set transaction isolation level read committed; -- T2
update test set value = value + 10; -- T1
delete from test where value = 20; -- T2 [blocks]
commit; -- T1
select * from test where value = 20; -- T2 [-> 1 => 20] [anomaly unless (no rows)]
commit; -- T2
