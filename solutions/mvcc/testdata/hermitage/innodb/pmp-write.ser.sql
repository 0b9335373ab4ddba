-- Our transcription of ept/hermitage, mysql.md: serializable prevents PMP
-- for write predicates.
-- anomaly: PMP
-- level: ser
-- prevented: yes
set session transaction isolation level serializable; begin; -- T1
set session transaction isolation level serializable; begin; -- T2
select * from test where value = 20; -- T2 [-> 2 => 20]
update test set value = value + 10; -- T1 [blocks] [error: Deadlock found when trying to get lock; try restarting transaction]
delete from test where value = 20; -- T2
rollback; -- T1
commit; -- T2
