package visuals

import "tutor/internal/visuals/typeinferviz"

func init() { register(100, typeinferviz.New()) }
