-- Our transcription of ept/hermitage, postgres.md: repeatable read
-- prevents Read Skew (G-single), tested with predicate dependencies.
-- anomaly: G-single
-- level: rr
-- prevented: yes
-- read-only
begin; set transaction isolation level repeatable read; -- T1
begin; set transaction isolation level repeatable read; -- T2
select * from test where value % 5 = 0; -- T1
update test set value = 12 where value = 10; -- T2
commit; -- T2
select * from test where value % 3 = 0; -- T1 [-> (no rows)] [anomaly unless (no rows)]
commit; -- T1
