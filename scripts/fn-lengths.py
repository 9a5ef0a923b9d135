# The longest functions of a Rust tree (brace matching on the text): `python3 scripts/fn-lengths.py src 15`.
# Prints: lines, name, file, first line. Used to keep component functions short (ARCHITECTURE.md).
import re,sys,os
res=[]
for root,_,files in os.walk(sys.argv[1]):
    for f in files:
        if not f.endswith('.rs'): continue
        p=os.path.join(root,f); L=open(p).read().split('\n')
        i=0
        while i<len(L):
            m=re.match(r'\s*(pub(\(\w+\))?\s+)?(const\s+)?(async\s+)?fn\s+(\w+)',L[i])
            if m and not L[i].strip().startswith('//'):
                depth=0; started=False; j=i
                while j<len(L):
                    s=re.sub(r'"(\\.|[^"\\])*"','""',L[j])
                    s=re.sub(r"'(\\.|[^'\\])'","''",s)
                    s=s.split('//')[0]
                    for c in s:
                        if c=='{': depth+=1; started=True
                        elif c=='}': depth-=1
                    if started and depth<=0: break
                    if not started and s.rstrip().endswith(';'): break
                    j+=1
                if started: res.append((j-i+1,m.group(5),p,i+1))
            i+=1
res.sort(reverse=True)
for r in res[:int(sys.argv[2]) if len(sys.argv)>2 else 10]: print(*r)
