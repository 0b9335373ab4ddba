-- Our transcription of ept/hermitage, postgres.md: repeatable read
-- prevents Read Skew (G-single).
-- anomaly: G-single
-- level: rr
-- prevented: yes
-- read-only
begin; set transaction isolation level repeatable read; -- T1
begin; set transaction isolation level repeatable read; -- T2
select * from test where id = 1; -- T1 [-> 1 => 10]
select * from test where id = 1; -- T2
select * from test where id = 2; -- T2
update test set value = 12 where id = 1; -- T2
update test set value = 18 where id = 2; -- T2
commit; -- T2
select * from test where id = 2; -- T1 [-> 2 => 20] [anomaly unless 2 => 20]
commit; -- T1
